"""dajiwei/excel.py: cells that would start a formula are written as text; files read back."""

import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from dajiwei import excel


def test_formula_starts_are_neutralised_and_other_values_kept():
    content = excel.workbook(
        [
            (
                "表",
                ["名称", "金额"],
                [
                    ["=1+1", 3],
                    ["+86", Decimal("1.50")],
                    ["-2", -2],
                    ["@SUM(A1)", datetime.date(2026, 1, 2)],
                    ["\t=cmd", None],
                    ["\r=cmd", True],
                    ["张三", 1.5],
                ],
            )
        ]
    )
    sheet = load_workbook(io.BytesIO(content))["表"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == ["名称", "金额"]
    assert [row[0] for row in values[1:]] == [
        "'=1+1",
        "'+86",
        "'-2",
        "'@SUM(A1)",
        "'\t=cmd",
        "'\n=cmd",  # XML stores a carriage return as a line feed; the quote still leads
        "张三",
    ]
    assert values[1][1] == 3 and values[3][1] == -2
    for row in sheet.iter_rows():
        assert all(cell.data_type != "f" for cell in row)


def test_xlsx_response_is_a_download():
    response = excel.xlsx_response("x.xlsx", [("s", ["a"], [["=x"]])])
    assert response["Content-Type"] == excel.XLSX_TYPE
    assert 'filename="x.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == "'=x"
