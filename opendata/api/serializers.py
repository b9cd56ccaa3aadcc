"""What the API answers. Every field is public: what the call's page and the published results
show (art. 15 of the Act); nothing of drafts, unpublished decisions, people or addresses."""
from django.urls import reverse
from rest_framework import serializers

from competition.models import Call

AMOUNT = {"max_digits": 16, "decimal_places": 2, "coerce_to_string": False}


class ActionSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    budget = serializers.DecimalField(**AMOUNT)


class DecisionSerializer(serializers.Serializer):
    order_number = serializers.CharField()
    order_date = serializers.DateField(allow_null=True)


class CallSerializer(serializers.ModelSerializer):
    budget = serializers.DecimalField(allow_null=True, **AMOUNT)
    state = serializers.ChoiceField(choices=Call.State.choices)
    page = serializers.SerializerMethodField()
    results = serializers.SerializerMethodField()
    authority = serializers.CharField(source="authority.name", help_text="The announcing authority's name.")

    class Meta:
        model = Call
        fields = ["slug", "title", "authority", "order_number", "announcement_date", "state", "submission_start",
                  "submission_deadline", "decision_date", "realisation_start", "realisation_end", "budget",
                  "results_published_at", "page", "results"]

    def get_page(self, call) -> str:
        return self._absolute(reverse("competition:call_detail", kwargs={"slug": call.slug}))

    def get_results(self, call) -> str | None:
        """The API address of the results, once published."""
        if not _published(call):
            return None
        return self._absolute(reverse("opendata:api_call_results", kwargs={"slug": call.slug}))

    def _absolute(self, path: str) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


def _published(call) -> bool:
    decision = getattr(call, "decision", None)
    return bool(call.results_published_at and decision and decision.is_locked and call.state != Call.State.ANNULLED)


class CallDetailSerializer(CallSerializer):
    actions = ActionSerializer(many=True, read_only=True)
    decision = serializers.SerializerMethodField()

    class Meta(CallSerializer.Meta):
        fields = [*CallSerializer.Meta.fields, "public_task_type", "max_points", "actions", "decision"]

    def get_decision(self, call) -> DecisionSerializer(allow_null=True):
        """The authority's decision, once its results are published."""
        return DecisionSerializer(call.decision).data if _published(call) else None


class GrantSerializer(serializers.Serializer):
    """One grant: an offer awarded a grant and one action it applied for."""

    call = serializers.CharField()
    call_title = serializers.CharField()
    authority = serializers.CharField()
    decision_order = serializers.CharField()
    decision_date = serializers.DateField(allow_null=True)
    offer_number = serializers.CharField()
    offerors = serializers.CharField(help_text="The lead organisation, then the partners, separated by \"; \".")
    organisations = serializers.ListField(child=serializers.IntegerField(), source="_organisations",
                                          help_text="The organisations' ids, lead first (/api/organisations/<id>/grants/).")
    joint = serializers.BooleanField()
    title = serializers.CharField()
    action = serializers.CharField()
    action_title = serializers.CharField()
    awarded = serializers.DecimalField(**AMOUNT)


class RankingRowSerializer(serializers.Serializer):
    position = serializers.IntegerField(allow_null=True)
    ex_aequo = serializers.BooleanField()
    offer_number = serializers.CharField()
    offerors = serializers.CharField()
    joint = serializers.BooleanField()
    title = serializers.CharField()
    score = serializers.DecimalField(allow_null=True, **AMOUNT)
    awarded = serializers.DecimalField(**AMOUNT)
    reason = serializers.CharField(allow_blank=True)


class FailedCriterionSerializer(serializers.Serializer):
    criterion = serializers.CharField()
    reason = serializers.CharField(allow_blank=True)


class RejectedSerializer(serializers.Serializer):
    offer_number = serializers.CharField()
    offerors = serializers.CharField()
    title = serializers.CharField()
    failed = FailedCriterionSerializer(many=True)


class ResultsSerializer(serializers.Serializer):
    call = serializers.CharField()
    title = serializers.CharField()
    authority = serializers.CharField()
    decision = DecisionSerializer()
    published_at = serializers.DateTimeField()
    submitted = serializers.IntegerField()
    budget = serializers.DecimalField(**AMOUNT)
    awarded = serializers.DecimalField(**AMOUNT)
    grants = GrantSerializer(many=True)
    ranking = RankingRowSerializer(many=True)
    rejected = RejectedSerializer(many=True)
    licence = serializers.CharField()
    licence_url = serializers.CharField()


class OrganisationGrantsSerializer(serializers.Serializer):
    organisation = serializers.IntegerField()
    name = serializers.CharField()
    awarded = serializers.DecimalField(**AMOUNT)
    grants = GrantSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
