from django.conf import settings
from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """?page=N&page_size=M; a page size above the installation's cap is cut to the cap (a client
    cannot ask for everything at once), one that is not a positive number gives the default."""

    page_size_query_param = "page_size"

    @property
    def page_size(self) -> int:
        return settings.OPEN_DATA_PAGE_SIZE

    @property
    def max_page_size(self) -> int:
        return settings.OPEN_DATA_MAX_PAGE_SIZE
