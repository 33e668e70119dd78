"""B9: surname stroke order (姓氏笔画): stroke count, then 横竖撇点折, character by character."""

import random

from elections.strokes import in_stroke_order, stroke_key, strokes


def test_stroke_data_for_known_characters():
    assert strokes("一") == "1"
    assert strokes("王") == "1121"
    assert strokes("马") == "551"
    assert strokes("A") is None


def test_same_count_ordered_by_first_stroke():
    # 4 strokes each, beginning with 横, 撇, 点, 折
    assert in_stroke_order(["孔", "方", "王", "毛"]) == ["王", "毛", "方", "孔"]


def test_fewer_strokes_first():
    assert in_stroke_order(["王", "丁"]) == ["丁", "王"]


def test_same_count_and_first_stroke_ordered_by_the_next_strokes():
    # 于 横横竖 (112), 马 折折横 (551): both 3 strokes, 横 before 折
    assert in_stroke_order(["马", "于"]) == ["于", "马"]
    # 李 1234521 and 杨 1234533 differ only at the sixth stroke
    assert in_stroke_order(["杨", "李"]) == ["李", "杨"]


def test_common_surnames_in_hand_verified_order():
    # 王4 刘6 李7(横) 杨7(横, later 撇) 吴7(竖) 张7(折 5153…) 陈7(折 5215…) 周8 赵9 黄11
    expected = ["王", "刘", "李", "杨", "吴", "张", "陈", "周", "赵", "黄"]
    shuffled = expected[:]
    random.Random(3).shuffle(shuffled)
    assert in_stroke_order(shuffled) == expected


def test_full_names_compare_character_by_character():
    names = ["王芳", "王", "丁一", "王小明", "马力", "于丹"]
    assert in_stroke_order(names) == ["丁一", "于丹", "马力", "王", "王小明", "王芳"]


def test_compound_surname_compares_character_by_character():
    # 欧 (8 strokes, 横 first) before 周 (8, 撇 first); 欧小 before 欧阳 (小 3 < 阳 6)
    assert in_stroke_order(["周杰", "欧阳娜娜", "欧小明", "王五"]) == [
        "王五",
        "欧小明",
        "欧阳娜娜",
        "周杰",
    ]


def test_unknown_characters_sort_after_known_ones_by_code_point():
    assert in_stroke_order(["B", "龘", "A", "一"])[0] == "一"
    unknown_last = in_stroke_order(["王Z", "王Y", "王一"])
    assert unknown_last == ["王一", "王Y", "王Z"]


def test_items_sorted_by_a_name_function_keep_ties_stable():
    people = [(1, "张三"), (2, "王五"), (3, "张三")]
    assert [pid for pid, _ in in_stroke_order(people, name=lambda p: p[1])] == [2, 1, 3]


def test_whitespace_inside_a_name_is_ignored():
    assert stroke_key("王  芳") == stroke_key("王芳")
