from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "recours.directory"
    label = "directory"
