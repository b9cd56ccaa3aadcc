"""What the clerk's commission page shows beyond the models: its forms, unbound except the one
just posted, over the seats that `services_commission.commission_seats` reads."""
from dataclasses import dataclass, field

from competition import services_commission
from competition.forms.commission import CommissionSettingsForm, MemberAddForm, SeatForm, settings_initial
from competition.models import Call


@dataclass
class CommissionPage:
    """The page's forms: unbound, except the one just posted."""

    call: Call
    seats: list
    add_form: MemberAddForm
    settings_form: CommissionSettingsForm
    seat_forms: dict[int, SeatForm]
    service_errors: list[str] = field(default_factory=list)

    @classmethod
    def for_call(cls, call: Call) -> "CommissionPage":
        seats = services_commission.commission_seats(call)
        return cls(
            call=call,
            seats=seats,
            add_form=MemberAddForm(),
            settings_form=CommissionSettingsForm(initial=settings_initial(call)),
            seat_forms={seat.pk: SeatForm(seat=seat) for seat in seats},
        )

    def forms(self) -> list:
        return [self.add_form, *self.seat_forms.values(), self.settings_form]
