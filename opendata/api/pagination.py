from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

PAGE_SIZE_INVALID = _("Give the page size as a whole number from 1 up (a larger one than %(max)s is cut to %(max)s).")


class Pages(PageNumberPagination):
    """?page=N&page_size=M; a page size above the installation's cap is cut to the cap (a client
    cannot ask for everything at once); one that is not a whole number from 1 up is a 400."""

    page_size_query_param = "page_size"

    @property
    def page_size(self) -> int:
        return settings.OPEN_DATA_PAGE_SIZE

    @property
    def max_page_size(self) -> int:
        return settings.OPEN_DATA_MAX_PAGE_SIZE

    def get_page_size(self, request):
        asked = request.query_params.getlist(self.page_size_query_param)
        if not asked:
            return self.page_size
        if len(asked) > 1 or not asked[0].isascii() or not asked[0].isdigit() or int(asked[0]) < 1:
            raise ValidationError({self.page_size_query_param: [PAGE_SIZE_INVALID % {"max": self.max_page_size}]})
        return min(int(asked[0]), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters
