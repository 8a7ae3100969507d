"""Signatures of stored models: crfsuite only ever reads a model this installation wrote.

A trained model is handed to crfsuite's C parser, which trusts its input (a truncated model crashes the
process). So every model Barchasb stores carries an HMAC-SHA256 of its name, metadata and bytes under a
secret key of this user (32 random bytes in the user's config folder, created with mode 0600 on the
first save). A model without a valid signature (another user's, another machine's, an older Barchasb's,
or altered) is refused before anything parses it; training again signs a new one.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import stat
import struct
from pathlib import Path

from annotator.errors import ConfigError
from annotator.userdirs import config_dir

KEY_FILE = "model-key"
KEY_SIZE = 32
_DOMAIN = b"barchasb model v1\x00"  # a signature of something else never verifies as a model's


def key_path() -> Path:
    """Where this user's model key lives."""
    return config_dir() / KEY_FILE


def signature(key: bytes, name: str, meta: str, data: bytes) -> bytes:
    """HMAC-SHA256 over the name, the metadata and the model bytes (each length-prefixed: no ambiguity)."""
    mac = hmac.new(key, _DOMAIN, hashlib.sha256)
    for part in (name.encode("utf-8"), meta.encode("utf-8"), data):
        mac.update(struct.pack("<Q", len(part)))
        mac.update(part)
    return mac.digest()


def verify(key: bytes, name: str, meta: str, data: bytes, given: bytes) -> bool:
    """True when ``given`` is the signature of this model under ``key`` (compared in constant time)."""
    return hmac.compare_digest(signature(key, name, meta, data), given)


def load_key() -> bytes | None:
    """This user's key, or None before the first model was saved."""
    path = key_path()
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise ConfigError(f"{path}: the model key cannot be read ({exc.strerror or exc})") from None
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise ConfigError(f"{path}: the model key is not a regular file")
        if info.st_mode & 0o077:
            raise ConfigError(
                f"{path}: the model key can be read or changed by other users (mode {info.st_mode & 0o777:o}); "
                f"make it private with `chmod 600 {path}`"
            )
        key = stream.read(KEY_SIZE + 1)
    if len(key) != KEY_SIZE:
        raise ConfigError(
            f"{path}: the model key is damaged ({len(key)} bytes, not {KEY_SIZE}); delete it and retrain with "
            "`barchasb train`"
        )
    return key


def ensure_key() -> bytes:
    """This user's key, created on first use (the folder 0700, the file 0600; safe against a second process)."""
    key = load_key()
    if key is not None:
        return key
    path = key_path()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        temporary = path.with_name(f".{KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(secrets.token_bytes(KEY_SIZE))
                stream.flush()
                os.fsync(stream.fileno())
            with contextlib.suppress(FileExistsError):  # another process made one first: theirs is the key
                os.link(temporary, path)
        finally:
            temporary.unlink(missing_ok=True)
    except OSError as exc:
        raise ConfigError(f"{path}: the model key cannot be created ({exc.strerror or exc})") from None
    key = load_key()
    if key is None:
        raise ConfigError(f"{path}: the model key vanished as it was created")
    return key
