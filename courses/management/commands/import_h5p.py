"""Import an .h5p file the way the admin upload does; print the package's id."""

from django.core.management.base import BaseCommand, CommandError

from courses.h5p.checks import H5PPackageError
from courses.h5p.services import h5p_package_import


class Command(BaseCommand):
    help = "Check, unpack and record an H5P package. Prints its id."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path to a .h5p file")
        parser.add_argument("--title", default="", help="Title (default: the one in h5p.json)")

    def handle(self, *args, file, title, **options):
        try:
            with open(file, "rb") as upload:
                package, created = h5p_package_import(upload, title=title)
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}") from error
        except H5PPackageError as error:
            raise CommandError(f"{error.code}: {' '.join(error.messages)}") from error
        if not created:
            self.stderr.write(f"Already imported as #{package.pk} ({package.title}).")
        self.stdout.write(str(package.pk))
