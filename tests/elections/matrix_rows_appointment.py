"""Permission-matrix rows for 委任 (appointment to grid and building posts)."""

from tests.matrix import Row, on

ROWS = {
    "elections:appointment_create": Row(on("grid")),
}
