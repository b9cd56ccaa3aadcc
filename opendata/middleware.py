"""Cross-origin GET of the open data: an open-data portal or a newsroom's page may read the API,
the files and the feeds from its own origin. Only the `opendata` URLs and only safe methods get
the header; no credentials are ever allowed (the API has no session)."""

SAFE = ("GET", "HEAD", "OPTIONS")
NAMESPACE = "opendata"


class OpenDataCorsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if request.method in SAFE and match is not None and NAMESPACE in match.namespaces:
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "Link, Retry-After"
            if request.method == "OPTIONS":
                response["Access-Control-Allow-Methods"] = ", ".join(SAFE)
                response["Access-Control-Allow-Headers"] = "Accept, Accept-Language"
                response["Access-Control-Max-Age"] = "86400"
        return response
