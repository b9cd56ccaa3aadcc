from django.db import transaction

from accounts.models import User


@transaction.atomic
def user_register(*, email: str, full_name: str, password: str, phone: str = "") -> User:
    return User.objects.create_user(email=email, password=password, full_name=full_name, phone=phone)


@transaction.atomic
def user_update_profile(*, user: User, full_name: str, phone: str, reminders_enabled: bool = True) -> User:
    user.full_name, user.phone, user.reminders_enabled = full_name, phone, reminders_enabled
    user.full_clean()
    user.save(update_fields=["full_name", "phone", "reminders_enabled"])
    return user
