"""Deterministic, plausible Polish names, texts and identifiers for the benchmark data
(`bench/generate.py`). Everything comes from a `random.Random` the caller seeds, so the same
seed gives the same data; identifiers carry valid check digits (NIP, REGON, IBAN)."""
import random

KINDS = (
    ("Stowarzyszenie", "association"), ("Fundacja", "foundation"), ("Stowarzyszenie", "ordinary_association"),
    ("Spółdzielnia Socjalna", "social_cooperative"), ("Koło Gospodyń Wiejskich", "rural_women_circle"),
    ("Parafialny Zespół Caritas", "church_entity"), ("Fundacja", "foundation"), ("Stowarzyszenie", "association"),
    ("Klub Sportowy", "sports_club"), ("Spółka Non-Profit", "nonprofit_company"),
)
FIRST = (
    "Przyjaciół", "Miłośników", "Na Rzecz Rozwoju", "Wspierania", "Aktywnych", "Inicjatyw", "Pomocy",
    "Edukacji", "Kultury", "Integracji", "Seniorów", "Rodzin", "Młodzieży", "Sąsiadów", "Animatorów",
    "Wolontariuszy", "Dzieci", "Ochrony", "Tradycji", "Sportu", "Zdrowia", "Rozwoju", "Dialogu", "Twórców",
    "Opiekunów",
)
SECOND = (
    "Puszczy Białowieskiej", "Ziemi Hajnowskiej", "Podlasia", "Osiedla Chopina", "Starego Miasta", "Doliny Leśnej",
    "Lipowej", "Kolejki Leśnej", "Międzytorza", "Mostowej", "Centrum", "Millenium", "Nadleśnictwa", "Białowieży",
    "Narwi", "Orlej Doliny", "Dubin", "Czeremchy", "Kleszczel", "Nowego Berezowa", "Zina", "Dziewiątej Strefy",
    "Pod Dębami", "Przy Torach", "Nad Leśną",
)
FIRST_NAMES = ("Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Krystyna", "Elżbieta",
               "Jan", "Piotr", "Andrzej", "Krzysztof", "Tomasz", "Paweł", "Michał", "Marek", "Grzegorz", "Adam",
               "Irena", "Joanna", "Zofia", "Stanisław", "Józef", "Mikołaj", "Aleksandra", "Olga", "Wiktor")
LAST_NAMES = ("Kowalczyk", "Nowak", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Zieliński", "Szymański",
              "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Kwiatkowski", "Krawczyk", "Piotrowski",
              "Grabowski", "Pawłowski", "Michalski", "Nowicki", "Adamczyk", "Dudek", "Zając", "Wieczorek",
              "Jabłoński", "Król", "Majewski", "Olszewski", "Jaworski", "Sawicki", "Bielski", "Ostapczuk")
STREETS = ("ul. 3 Maja", "ul. Lipowa", "ul. Parkowa", "ul. Leśna", "ul. Chopina", "ul. Mostowa", "ul. Piłsudskiego",
           "ul. Ściegiennego", "ul. Białowieska", "ul. Dworcowa", "ul. Batorego", "ul. Warszawska", "ul. Kolejowa")
ACTIVITIES = ("Warsztaty rękodzieła", "Spotkania międzypokoleniowe", "Akademia aktywnego seniora",
              "Podwórkowe lato", "Klub młodego odkrywcy", "Festyn sąsiedzki", "Szkoła liderów lokalnych",
              "Świetlica pełna pomysłów", "Zajęcia sportowe", "Kawiarenka obywatelska", "Teatr podwórkowy",
              "Ogród społeczny", "Kino pod chmurką", "Kuchnia regionalna", "Pracownia fotografii",
              "Warsztaty cyfrowe", "Rajdy rowerowe", "Laboratorium sąsiedztwa", "Muzyczne podwórka",
              "Centrum wolontariatu")
GROUPS = ("dla seniorów", "dla dzieci i młodzieży", "dla osób z niepełnosprawnościami", "dla rodzin",
          "dla mieszkańców", "dla organizacji pozarządowych", "dla młodzieży", "dla całych rodzin")
PLACES = ("w strefie Chopina", "na osiedlu Millenium", "w Centrum", "przy ulicy Lipowej", "na Międzytorzu",
          "w strefie Mostowej", "przy Kolejce Leśnej", "w obszarze rewitalizacji", "w Hajnówce")
SENTENCES = (
    "Zadanie odpowiada na potrzeby mieszkańców obszaru rewitalizacji, zdiagnozowane w Lokalnym Programie Rewitalizacji.",
    "Działania prowadzone będą w świetlicy osiedlowej oraz w przestrzeni publicznej, dostępnej dla osób z niepełnosprawnościami.",
    "Rekrutacja uczestników odbędzie się przez ogłoszenia na osiedlu, w parafiach i w szkołach, z pierwszeństwem dla osób zagrożonych wykluczeniem.",
    "Program zajęć przygotowano wspólnie z radą osiedla i miejskim ośrodkiem pomocy społecznej.",
    "Uczestnicy wezmą udział w cyklu spotkań prowadzonych przez doświadczonych animatorów i wolontariuszy.",
    "Zadanie uzupełnia działania prowadzone przez ośrodek kultury i bibliotekę publiczną, nie powielając ich.",
    "Efektem będzie trwała grupa mieszkańców, która po zakończeniu zadania będzie samodzielnie organizować spotkania.",
    "Zajęcia odbywać się będą dwa razy w tygodniu, w godzinach popołudniowych, dostosowanych do potrzeb uczestników.",
    "Organizacja ma doświadczenie w realizacji podobnych zadań finansowanych ze środków miasta i funduszy europejskich.",
    "Monitoring rezultatów prowadzony będzie na podstawie list obecności, ankiet i dokumentacji fotograficznej.",
    "Wolontariusze zapewnią opiekę nad dziećmi w czasie zajęć dla rodziców oraz pomoc w organizacji wydarzeń.",
    "Zakup materiałów zostanie ograniczony do niezbędnego minimum; część sprzętu udostępnią partnerzy zadania.",
    "Wydarzenie finałowe zostanie zorganizowane w przestrzeni publicznej i będzie otwarte dla wszystkich mieszkańców.",
    "Zadanie zakłada współpracę z lokalnymi przedsiębiorcami, którzy przekażą nagrody rzeczowe i poczęstunek.",
    "Działania są zaplanowane tak, aby łączyć pokolenia: seniorzy dzielą się umiejętnościami z dziećmi i młodzieżą.",
    "Osoby z niepełnosprawnościami będą współprowadzić część zajęć, co wzmocni ich pozycję w społeczności lokalnej.",
)
COSTS = (
    ("Wynagrodzenie prowadzącego warsztaty", "godz.", (20, 80), ("60.00", "80.00", "100.00", "120.00")),
    ("Materiały warsztatowe", "kpl.", (10, 40), ("25.00", "35.50", "48.00", "60.00")),
    ("Wynajem sali", "godz.", (10, 60), ("40.00", "50.00", "70.00")),
    ("Poczęstunek dla uczestników", "os.", (30, 150), ("12.00", "15.00", "18.50")),
    ("Transport uczestników", "kurs", (2, 10), ("350.00", "480.00", "600.00")),
    ("Nagrody w konkursach", "szt.", (10, 30), ("20.00", "30.00", "45.00")),
    ("Druk plakatów i ulotek", "kpl.", (1, 3), ("250.00", "400.00")),
    ("Ubezpieczenie uczestników", "os.", (20, 80), ("4.50", "6.00")),
)
ADMIN_COSTS = (("Koordynacja zadania", "miesiąc"), ("Obsługa księgowa", "miesiąc"))
IN_KIND = ("sala udostępniona nieodpłatnie, wyceniona według cennika ośrodka kultury",
           "sprzęt nagłośnieniowy organizacji, wyceniony według stawek rynkowych wynajmu")


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def organisation_names(rng: random.Random, count: int) -> list[tuple[str, str]]:
    """`count` distinct (name, legal form) pairs."""
    combos = [(k, f, s) for k in range(len(KINDS)) for f in FIRST for s in SECOND]
    rng.shuffle(combos)
    out = []
    for i in range(count):
        kind, first, second = combos[i % len(combos)]
        label, form = KINDS[kind]
        suffix = f" {i // len(combos) + 1}" if i >= len(combos) else ""
        out.append((f"{label} {first} {second}{suffix}", form))
    return out


def offer_title(rng: random.Random) -> str:
    return f"{rng.choice(ACTIVITIES)} {rng.choice(GROUPS)} {rng.choice(PLACES)}"


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(rng.sample(SENTENCES, sentences))


def nip(rng: random.Random) -> str:
    weights = (6, 5, 7, 2, 3, 4, 5, 6, 7)
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
        check = sum(w * d for w, d in zip(weights, digits)) % 11
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def regon(rng: random.Random) -> str:
    weights = (8, 9, 2, 3, 4, 5, 6, 7)
    digits = [rng.randint(0, 9) for _ in range(8)]
    check = sum(w * d for w, d in zip(weights, digits)) % 11 % 10
    return "".join(map(str, digits)) + str(check)


def iban(rng: random.Random) -> str:
    bban = "".join(str(rng.randint(0, 9)) for _ in range(24))
    check = 98 - int(bban + "252100") % 97  # "PL00" moved to the end, letters as numbers (P=25, L=21)
    return f"PL{check:02d}{bban}"
