"""The train/test split rule of the development set (see README.md).

An article's outlet is its URL's host without "www." (and without a trailing
dot). Outlets are grouped by site (the registrable domain, so that
"m.vovworld.vn" and "vovworld.vn" or "en.vietnamplus.vn" and
"zh.vietnamplus.vn" land on the same side), and a site is in the test split
when the first hex digit of sha1(SALT + site) is one of TEST_DIGITS.
"""
import hashlib
from urllib.parse import urlparse

SALT = "bilateral-digest-devset-24"
TEST_DIGITS = "01234"  # 5 of 16 hex digits: about 31% of sites

# Second-level labels under which a site is three labels long.
_SECOND_LEVEL = {"com", "co", "gov", "edu", "org", "net", "ac", "go", "or", "ne", "lg", "gr", "ed"}


def outlet_of(url: str) -> str:
    host = (urlparse(url).hostname or "").rstrip(".").lower()
    return host[4:] if host.startswith("www.") else host


def site_of(outlet: str) -> str:
    labels = outlet.split(".")
    if all(p.isdigit() for p in labels):  # an IP address
        return outlet
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def is_test(outlet: str, salt: str = SALT) -> bool:
    digest = hashlib.sha1((salt + site_of(outlet)).encode("utf-8")).hexdigest()
    return digest[0] in TEST_DIGITS
