from django.core.management.base import BaseCommand

from safetyhub.meetings.reference import regions_load, sectors_load


class Command(BaseCommand):
    help = "Load sectors and the region gazetteer from fixtures/ (safe to run again)."

    def handle(self, *args: object, **options: object) -> None:
        sectors = sectors_load()
        regions = regions_load()
        self.stdout.write(
            f"sectors: {sectors.created} new, {sectors.updated} updated, {sectors.unchanged} unchanged; "
            f"regions: {regions.created} new, {regions.updated} updated, {regions.unchanged} unchanged"
        )
