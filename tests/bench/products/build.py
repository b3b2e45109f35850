"""Build the product corpus: package READMEs sold as products by three real shop engines.

Django Oscar (installed from PyPI into its own virtualenv, a throwaway Django project on SQLite
in the work folder, its own templates) gets one product per document of the landing corpus's
sources (tests/bench/landing, licences in its corpus/README.md) that holds two paragraphs of
prose or more: the package's name as the product's title, its first paragraphs of prose (up to
four, rendered from Markdown) as the description, its licence and version (from its package.json) as
product attributes, a price and a stock record, and two customer reviews by invented customers.
Every product page is fetched with Django's test client and saved gzipped as
``corpus/html/<engine>/<doc>.html.gz``. The truth, ``corpus/truth/<doc>.md``, is the title as a
level-1 heading, then the description's paragraphs and the attributes as "Name: value" lines
(what a reader takes from the page about the product); the shop's controls, prices, stock
lines, reviews and recommendations are not in it. Shuup (on a Python 3.8, see ``PIP``) gets the
same products, with the licence and version as attributes shown on the product page. Cartridge,
Mezzanine's shop (on a Python 3.10, see ``PIP``), gets them too, each with a price, a category
and three related products; it has no product attributes, so its pages lack the truth's two
attribute lines (a ceiling for every extractor).

  python -m tests.bench.products.build [--work /tmp/extractor-products-build]
"""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from tests.bench.docs.build import Doc, build_main, pyenv, run, save
from tests.bench.landing.build import SOURCES, collect_docs

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
BASE = "http://shop.test"
# Oscar 3.2 leaves its thumbnailer (sorl-thumbnail, its default) to be installed beside it;
# Shuup 3.1 pins Babel 2.5 and a django-enumfields that run on Python 3.8 at the latest, and its
# Jinja 2 needs a MarkupSafe from before 2.1
PIP = {
    "oscar": ["django-oscar==3.2.6", "Django==4.2.30", "sorl-thumbnail==12.11.0"],
    "shuup": ["shuup==3.1.0", "markupsafe<2.1"],
    # Cartridge 1.3 runs on Mezzanine 6 and Django 3.2 up to Python 3.10; its PDF invoices'
    # xhtml2pdf is held before the releases that need a cairo to build against
    "cartridge": [
        "cartridge==1.3.4",
        "mezzanine==6.0.0",
        "Django==3.2.25",
        "xhtml2pdf==0.2.8",
        "reportlab<4",
    ],
}
SHUUP_PYTHON = "3.8"
CARTRIDGE_PYTHON = "3.10"
# Cartridge formats prices by a locale of the machine's (the C locale has no currency)
CARTRIDGE_LOCALE = "en_GB.UTF-8"
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 2, 4
REVIEWS = (
    ("Does what it says", 5, "Bought it for a small job at work and it has not let me down once."),
    (
        "Fine, with a caveat",
        3,
        "Works well, though it took me an evening to set up the way I like.",
    ),
)


@dataclass(frozen=True)
class Product:
    id: str
    title: str
    paragraphs: tuple[str, ...]  # Markdown
    description: str  # HTML
    attributes: tuple[tuple[str, str], ...]

    def truth(self) -> str:
        specs = "\n\n".join(f"{name}: {value}" for name, value in self.attributes)
        return f"# {self.title}\n\n" + "\n\n".join(self.paragraphs) + f"\n\n{specs}\n"


def product_of(doc: Doc, package: dict[str, str]) -> Product | None:
    """The document's product: its first paragraphs of prose (top-level, at least 60
    characters, no pictures or raw HTML), wherever they sit between its headings and code;
    None if fewer than two."""
    md = MarkdownIt("commonmark")
    tokens = md.parse(doc.body)
    lines = doc.body.splitlines()
    paragraphs: list[str] = []
    for i, tok in enumerate(tokens):
        if tok.type != "paragraph_open" or tok.level != 0 or not tok.map:
            continue
        inline = tokens[i + 1]
        kinds = {c.type for c in inline.children or []}
        if "image" in kinds or "html_inline" in kinds or len(inline.content) < 60:
            continue
        paragraphs.append("\n".join(lines[tok.map[0] : tok.map[1]]).strip())
        if len(paragraphs) == MAX_PARAGRAPHS:
            break
    if len(paragraphs) < MIN_PARAGRAPHS:
        return None
    html = "".join(md.render(p) for p in paragraphs)
    attributes = (("Licence", package["license"]), ("Version", package["version"]))
    return Product(doc.id, doc.title, tuple(paragraphs), html, attributes)


def collect_sources(work: Path) -> list[Product]:
    """The products of the landing corpus's documents, their truths written to the corpus."""
    products = []
    modules = work / "sources" / "node_modules"
    for doc, spec in zip(collect_docs(work), SOURCES, strict=True):
        name = spec.rsplit("@", 1)[0]
        package = json.loads((modules / name / "package.json").read_text("utf-8"))
        if (product := product_of(doc, package)) is not None:
            products.append(product)
    truth = CORPUS / "truth"
    shutil.rmtree(truth, ignore_errors=True)
    truth.mkdir(parents=True)
    for product in products:
        (truth / f"{product.id}.md").write_text(product.truth(), "utf-8")
    return products


_SETTINGS = """
from oscar.defaults import *  # noqa
SECRET_KEY = "bench-only"
DEBUG = False
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = "shop.urls"
SITE_ID = 1
USE_TZ = True
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "shop.sqlite3"}}
INSTALLED_APPS = [
    "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
    "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
    "django.contrib.sites", "django.contrib.flatpages",
    "oscar.config.Shop", "oscar.apps.analytics.apps.AnalyticsConfig",
    "oscar.apps.checkout.apps.CheckoutConfig", "oscar.apps.address.apps.AddressConfig",
    "oscar.apps.shipping.apps.ShippingConfig", "oscar.apps.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig", "oscar.apps.partner.apps.PartnerConfig",
    "oscar.apps.basket.apps.BasketConfig", "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig", "oscar.apps.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig", "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig", "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "oscar.apps.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks", "haystack", "treebeard", "sorl.thumbnail", "django_tables2",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates", "DIRS": [], "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.debug", "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "oscar.apps.search.context_processors.search_form",
        "oscar.apps.checkout.context_processors.checkout",
        "oscar.apps.communication.notifications.context_processors.notifications",
        "oscar.core.context_processors.metadata",
    ]},
}]
AUTHENTICATION_BACKENDS = (
    "oscar.apps.customer.auth_backends.EmailBackend", "django.contrib.auth.backends.ModelBackend",
)
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
STATIC_URL = "/static/"
MEDIA_URL = "/media/"
OSCAR_SHOP_NAME = "Package Shop"
OSCAR_DEFAULT_CURRENCY = "GBP"
"""

_URLS = """
from django.apps import apps
from django.urls import include, path
urlpatterns = [path("", include(apps.get_app_config("oscar").urls[0]))]
"""

_LOAD = """
import json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "shop.settings"
import django
django.setup()
from decimal import Decimal
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
ProductAttribute = get_model("catalogue", "ProductAttribute")
ProductCategory = get_model("catalogue", "ProductCategory")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
ProductReview = get_model("reviews", "ProductReview")
products, reviews = json.load(open("products.json")), json.load(open("reviews.json"))
kind = ProductClass.objects.create(name="Software package", requires_shipping=False)
for code in ("licence", "version"):
    ProductAttribute.objects.create(product_class=kind, name=code.title(), code=code, type="text")
partner = Partner.objects.create(name="Package Shop")
category = create_from_breadcrumbs("Libraries > JavaScript")
out = {}
for n, p in enumerate(products):
    item = Product(title=p["title"], description=p["description"], product_class=kind,
                   upc=f"PKG{n:05d}", structure="standalone")
    for name, value in p["attributes"]:
        setattr(item.attr, name.lower(), value)
    item.save()
    item.attr.save()
    ProductCategory.objects.create(product=item, category=category)
    StockRecord.objects.create(product=item, partner=partner, partner_sku=f"SKU{n:05d}",
                               price=Decimal("19.99") + n, num_in_stock=20)
    for m, (title, score, body) in enumerate(reviews):
        ProductReview.objects.create(product=item, title=title, score=score, body=body,
                                     name=f"Customer {m + 1}", email=f"c{m + 1}@mail.test",
                                     status=ProductReview.APPROVED)
    page = Client().get(item.get_absolute_url())
    assert page.status_code == 200, (p["id"], page.status_code)
    out[p["id"]] = {"path": item.get_absolute_url(), "html": page.content.decode("utf-8")}
json.dump(out, open("pages.json", "w"))
"""


def build_oscar(work: Path, products: list[Product]) -> None:
    """Django Oscar 3.2 with its own templates (Bootstrap 4), a product per document."""
    bin_dir = pyenv(work / "oscar-env", PIP["oscar"])
    site = work / "oscar"
    shutil.rmtree(site, ignore_errors=True)
    (site / "shop").mkdir(parents=True)
    (site / "shop" / "__init__.py").write_text("")
    (site / "shop" / "settings.py").write_text(_SETTINGS)
    (site / "shop" / "urls.py").write_text(_URLS)
    (site / "load.py").write_text(_LOAD)
    (site / "products.json").write_text(json.dumps([asdict(p) for p in products]))
    (site / "reviews.json").write_text(json.dumps(REVIEWS))
    run([str(bin_dir / "python"), "load.py"], site)
    _save_pages("oscar", site, products)


_SHUUP_SETTINGS = """
from shuup_workbench.settings import *  # noqa
DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": "shop.sqlite3"}}
DEBUG = False
ALLOWED_HOSTS = ["*"]
"""

_SHUUP_LOAD = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "shop.settings"
import django
django.setup()
from decimal import Decimal
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("shuup_init", verbosity=0)
from django.test import Client
from django.urls import reverse
from django.utils.text import slugify
from shuup.core.models import (
    Attribute, AttributeType, AttributeVisibility, Category, CategoryStatus, Shop,
)
from shuup.testing.factories import (
    create_product, get_default_product_type, get_default_supplier,
)
shop, supplier, kind = Shop.objects.first(), get_default_supplier(), get_default_product_type()
products = json.load(open("products.json"))
for code in ("licence", "version"):
    attribute = Attribute.objects.create(
        identifier=code, type=AttributeType.UNTRANSLATED_STRING,
        visibility_mode=AttributeVisibility.SHOW_ON_PRODUCT_PAGE,
    )
    attribute.set_current_language("en")
    attribute.name = code.title()
    attribute.save()
    kind.attributes.add(attribute)
category = Category.objects.create(identifier="javascript", status=CategoryStatus.VISIBLE)
category.set_current_language("en")
category.name, category.slug = "JavaScript libraries", "javascript"
category.save()
category.shops.add(shop)
out = {}
for n, p in enumerate(products):
    item = create_product(
        f"PKG{n:05d}", shop=shop, supplier=supplier, default_price=Decimal("19.99") + n,
        width=0, height=0, depth=0, net_weight=0, gross_weight=0,
    )
    item.set_current_language("en")
    item.name, item.description, item.slug = p["title"], p["description"], slugify(p["id"])
    item.save()
    for name, value in p["attributes"]:
        item.set_attribute_value(name.lower(), value)
    listed = item.get_shop_instance(shop)
    listed.primary_category = category
    listed.save()
    listed.categories.add(category)
    path = reverse("shuup:product", kwargs={"pk": item.pk, "slug": item.slug})
    page = Client().get(path)
    assert page.status_code == 200, (p["id"], page.status_code)
    out[p["id"]] = {"path": path, "html": page.content.decode("utf-8")}
json.dump(out, open("pages.json", "w"))
"""


def python_for(version: str) -> Path:
    """An interpreter of this Python version that runs: pyenv's, else ``pythonX.Y`` on the
    PATH (a pyenv shim there fails when that version is not selected)."""
    found = shutil.which(f"python{version}")
    candidates = [*sorted(Path.home().glob(f".pyenv/versions/{version}.*/bin/python"))]
    candidates += [Path(found)] if found else []
    for candidate in candidates:
        done = subprocess.run([str(candidate), "--version"], capture_output=True, check=False)
        if done.returncode == 0:
            return candidate
    raise RuntimeError(f"needs a Python {version} (pyenv's, or python{version} on the PATH)")


def engine_env(work: Path, engine: str, version: str) -> Path:
    """The engine's virtualenv on a Python of this version (see ``python_for``), its ``PIP``
    packages installed the first time."""
    env = work / f"{engine}-env" / "venv"
    if not (env / "bin" / "python").exists():
        env.parent.mkdir(parents=True, exist_ok=True)
        run([str(python_for(version)), "-m", "venv", str(env)], env.parent)
        run([str(env / "bin" / "pip"), "install", "-q", *PIP[engine]], env.parent)
    return env


def build_shuup(work: Path, products: list[Product]) -> None:
    """Shuup 3.1 with its own front and default theme (Bootstrap 3), a product per document,
    on a Python 3.8 of the machine's (see ``PIP``)."""
    env = engine_env(work, "shuup", SHUUP_PYTHON)
    # (enum34, which an old dependency pulls in, shadows the standard library's enum)
    run([str(env / "bin" / "pip"), "uninstall", "-y", "-q", "enum34"], env.parent)
    site = work / "shuup"
    shutil.rmtree(site, ignore_errors=True)
    (site / "shop").mkdir(parents=True)
    (site / "shop" / "__init__.py").write_text("")
    (site / "shop" / "settings.py").write_text(_SHUUP_SETTINGS)
    (site / "load.py").write_text(_SHUUP_LOAD)
    (site / "products.json").write_text(json.dumps([asdict(p) for p in products]))
    run([str(env / "bin" / "python"), "load.py"], site)
    _save_pages("shuup", site, products)


_CARTRIDGE_SETTINGS = f"""
ALLOWED_HOSTS = ["*"]
DEBUG = False
SHOP_CURRENCY_LOCALE = "{CARTRIDGE_LOCALE}"
"""

_CARTRIDGE_LOAD = """
import json, os
os.environ["DJANGO_SETTINGS_MODULE"] = "shop.settings"
import django
django.setup()
from decimal import Decimal
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.test import Client
from cartridge.shop.models import Category, Product
from mezzanine.core.models import CONTENT_STATUS_PUBLISHED
products = json.load(open("products.json"))
category = Category.objects.create(title="JavaScript libraries", status=CONTENT_STATUS_PUBLISHED)
made = []
for n, p in enumerate(products):
    item = Product.objects.create(title=p["title"], content=p["description"], available=True,
                                  status=CONTENT_STATUS_PUBLISHED)
    item.categories.add(category)
    item.variations.create(sku=f"PKG{n:05d}", unit_price=Decimal("19.99") + n, num_in_stock=20,
                           default=True)
    item.copy_default_variation()
    made.append(item)
for n, item in enumerate(made):  # the shop's "Related Products": the next three in the list
    item.related_products.add(*(made[(n + k) % len(made)] for k in (1, 2, 3)))
out = {}
for p, item in zip(products, made):
    path = item.get_absolute_url()
    page = Client().get(path)
    assert page.status_code == 200, (p["id"], page.status_code)
    out[p["id"]] = {"path": path, "html": page.content.decode("utf-8")}
json.dump(out, open("pages.json", "w"))
"""


def build_cartridge(work: Path, products: list[Product]) -> None:
    """Cartridge 1.3 in the project ``mezzanine-project -a cartridge`` makes (Mezzanine's
    default theme, Bootstrap 3), a product per document, on a Python 3.10 of the machine's."""
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    if CARTRIDGE_LOCALE.lower().replace("-", "") not in locales.stdout.lower():
        raise RuntimeError(
            f"Cartridge needs the {CARTRIDGE_LOCALE} locale: "
            "localedef -i en_GB -f UTF-8 en_GB.UTF-8"
        )
    env = engine_env(work, "cartridge", CARTRIDGE_PYTHON)
    site = work / "cartridge"
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    run([str(env / "bin" / "mezzanine-project"), "-a", "cartridge", "shop", "."], site)
    with (site / "shop" / "local_settings.py").open("a", encoding="utf-8") as settings:
        settings.write(_CARTRIDGE_SETTINGS)
    (site / "load.py").write_text(_CARTRIDGE_LOAD)
    (site / "products.json").write_text(json.dumps([asdict(p) for p in products]))
    run([str(env / "bin" / "python"), "load.py"], site)
    _save_pages("cartridge", site, products)


def _save_pages(engine: str, site: Path, products: list[Product]) -> None:
    """The engine's pages into the corpus, their addresses into urls.json beside the others'."""
    pages = json.loads((site / "pages.json").read_text("utf-8"))
    urls = {}
    for product in products:
        page = pages[product.id]
        save(engine, Doc(product.id, ""), page["html"], CORPUS)
        urls[product.id] = BASE + page["path"]
    index = CORPUS / "urls.json"
    known = json.loads(index.read_text("utf-8")) if index.is_file() else {}
    known[engine] = urls
    index.write_text(json.dumps(known, indent=1, sort_keys=True) + "\n")


BUILDERS = {"oscar": build_oscar, "shuup": build_shuup, "cartridge": build_cartridge}


def page_url(engine: str, doc: str) -> str:
    return str(json.loads((CORPUS / "urls.json").read_text("utf-8"))[engine][doc])


def main(argv: list[str] | None = None) -> int:
    return build_main(
        __doc__, BUILDERS, collect_sources, Path("/tmp/extractor-products-build"), argv
    )


if __name__ == "__main__":
    raise SystemExit(main())
