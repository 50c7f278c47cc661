//! The parsers' English in Ukrainian. A broken record's diagnostic carries the detail the
//! parser gave (toml's syntax errors, serde's "invalid type: …, expected …", the schema
//! walk's "expected …, found …"); their shapes are few and stable, so the Ukrainian text is
//! made from their parts here rather than by teaching every parser two languages. A shape
//! not known here is kept as it is (better English than nothing).

/// `detail` (a `Problem`'s parser text) in Ukrainian.
pub fn detail(text: &str) -> String {
    // toml_edit's full error: a position line, a snippet, then the message.
    if let Some(rest) = text.strip_prefix("TOML parse error at line ") {
        let mut lines = rest.lines();
        let position = lines.next().unwrap_or("");
        let (line, column) = position.split_once(", column ").unwrap_or((position, ""));
        let mut out = format!("помилка розбору TOML у рядку {line}, стовпці {column}");
        for line in lines {
            out.push('\n');
            let is_snippet = line.trim_start().starts_with('|')
                || line.split('|').next().is_some_and(|n| n.trim().parse::<u32>().is_ok());
            out.push_str(&if is_snippet { line.to_string() } else { sentence(line) });
        }
        return out;
    }
    sentence(text)
}

fn sentence(text: &str) -> String {
    let text = text.trim_end();
    // The schema walk: "`languages`: expected an array of text, found 5".
    if let Some(rest) = text.strip_prefix('`')
        && let Some((key, rest)) = rest.split_once("`: ")
    {
        return format!("`{key}`: {}", sentence(rest));
    }
    if let Some(rest) = text.strip_prefix("expected a date without quotes, like ")
        && let Some((like, found)) = rest.split_once(", found the string ")
    {
        return format!("дату пишуть без лапок, як-от {like}, а тут рядок {found}");
    }
    if let Some(rest) = text.strip_prefix("expected ")
        && let Some((expected, found)) = rest.split_once(", found ")
    {
        return format!("має бути {}, а тут {}", expected_uk(expected), found_uk(found));
    }
    // serde's; the message around it already says the value is wrong.
    if let Some(rest) = text.strip_prefix("invalid type: ")
        && let Some((found, expected)) = rest.split_once(", expected ")
    {
        return format!("має бути {}, а тут {}", expected_uk(expected), found_uk(found));
    }
    if let Some(rest) = text.strip_prefix("invalid value: ") {
        return match rest.split_once(", expected ") {
            Some((found, expected)) => format!("{}: має бути {}", found_uk(found), expected_uk(expected)),
            None => sentence(rest),
        };
    }
    // toml's dates: "invalid date, expected day between 01 and 29".
    if let Some(rest) = text
        .strip_prefix("invalid date, expected ")
        .or_else(|| text.strip_prefix("invalid datetime, expected "))
        && let Some((part, range)) = rest.split_once(" between ")
        && let Some((low, high)) = range.split_once(" and ")
    {
        let part = DATE_PARTS.iter().find(|(en, _)| *en == part).map_or(part, |(_, uk)| uk);
        return format!("{part} має бути від {low} до {high}");
    }
    if let Some(value) = text.strip_suffix(" is not a day of the calendar") {
        return format!("{value} — такого дня немає в календарі");
    }
    if let Some(rest) = text.strip_prefix("invalid length ")
        && let Some((length, expected)) = rest.split_once(", expected ")
    {
        return format!("неправильна довжина {length}: має бути {}", expected_uk(expected));
    }
    if let Some(expected) = text.strip_prefix("expected ") {
        return format!("має бути {}", expected_uk(expected));
    }
    if let Some(hours) = text.strip_suffix(" is not a number of hours") {
        return format!("{hours} — не кількість годин");
    }
    if let Some(rest) = text.strip_suffix(" hours is not a whole number of minutes") {
        return format!("{rest} год — не ціла кількість хвилин");
    }
    if let Some((hours, range)) = text.split_once(" hours is outside ") {
        return format!("{hours} год поза межами {range}");
    }
    if let Some(rest) = text.strip_prefix("duplicate key: ") {
        return format!("ключ повторюється: {rest}");
    }
    // toml's syntax errors: "invalid basic string, expected `\"`".
    let (what, expected) = match text.split_once(", expected ") {
        Some((what, expected)) => (what, Some(expected)),
        None => (text, None),
    };
    let Some(uk) = SYNTAX.iter().find(|(en, _)| *en == what).map(|(_, uk)| *uk) else {
        return text.to_string();
    };
    match expected {
        Some(expected) => {
            format!("{uk}; очікувано: {}", expected.replace(" or ", " або ").replace("nothing", "нічого"))
        }
        None => uk.to_string(),
    }
}

/// What a parser expected, in Ukrainian (serde's type names, the schema's words).
fn expected_uk(text: &str) -> String {
    let text = text.trim();
    let known = EXPECTED.iter().find(|(en, _)| *en == text).map(|(_, uk)| uk.to_string());
    known.unwrap_or_else(|| {
        if let Some(like) = text.strip_prefix("a date like ") {
            format!("дата на кшталт {like}")
        } else if text.starts_with("struct ") || text.starts_with("a map") {
            "таблиця".to_string()
        } else if let Some(rest) = text.strip_prefix("one of ") {
            format!("одне з {rest}")
        } else if let Some(rest) = text.strip_prefix("a number of hours like ") {
            format!("кількість годин на кшталт {rest}")
        } else if let Some(rest) = text.strip_prefix("a number of hours in whole minutes, ") {
            format!("кількість годин у цілих хвилинах, {}", rest.replace(", like ", ", напр. "))
        } else {
            text.to_string()
        }
    })
}

/// What a parser found (serde's `Unexpected`, a TOML value), in Ukrainian.
fn found_uk(text: &str) -> String {
    let text = text.trim();
    for (en, uk) in FOUND {
        if let Some(rest) = text.strip_prefix(en) {
            return format!("{uk}{rest}");
        }
    }
    text.to_string()
}

const EXPECTED: &[(&str, &str)] = &[
    ("text", "текст"),
    ("a string", "текст"),
    ("a whole number", "ціле число"),
    ("a number", "число"),
    ("true or false", "true або false"),
    ("a boolean", "true або false"),
    ("an array of text", "список текстів"),
    ("a table of text", "таблиця текстів"),
    ("a table", "таблиця"),
    ("a sequence", "список (масив)"),
    ("a date", "дата"),
    ("a borrowed string", "текст"),
    ("a character", "символ"),
    ("f64", "число"),
    ("f32", "число"),
    ("u8", "ціле невід'ємне число"),
    ("u16", "ціле невід'ємне число"),
    ("u32", "ціле невід'ємне число"),
    ("u64", "ціле невід'ємне число"),
    ("usize", "ціле невід'ємне число"),
    ("i8", "ціле число"),
    ("i16", "ціле число"),
    ("i32", "ціле число"),
    ("i64", "ціле число"),
    ("an integer", "ціле число"),
];

const DATE_PARTS: &[(&str, &str)] = &[
    ("day", "день"),
    ("month", "місяць"),
    ("hour", "година"),
    ("hours", "година"),
    ("minute", "хвилина"),
    ("minutes", "хвилина"),
    ("second", "секунда"),
];

const FOUND: &[(&str, &str)] = &[
    ("the string ", "рядок "),
    ("string ", "рядок "),
    ("integer ", "ціле число "),
    ("floating point ", "дробове число "),
    ("boolean ", "логічне значення "),
    ("a sequence", "список"),
    ("sequence", "список"),
    ("a map", "таблиця"),
    ("map", "таблиця"),
    ("table", "таблиця"),
    ("array", "список"),
    ("a date", "дата"),
    ("datetime", "дата й час"),
];

const SYNTAX: &[(&str, &str)] = &[
    ("invalid basic string", "неправильний рядок у подвійних лапках"),
    ("invalid literal string", "неправильний рядок в одинарних лапках"),
    ("invalid multi-line basic string", "неправильний багаторядковий рядок"),
    ("invalid multi-line literal string", "неправильний багаторядковий рядок"),
    ("invalid string", "неправильний рядок"),
    ("invalid key", "неправильний ключ"),
    ("invalid unquoted key", "неправильний ключ без лапок"),
    ("invalid key-value pair", "неправильна пара ключ = значення"),
    ("invalid table", "неправильна таблиця"),
    ("invalid value", "неправильне значення"),
    ("invalid boolean", "неправильне логічне значення"),
    ("invalid integer number", "неправильне ціле число"),
    ("invalid float", "неправильне дробове число"),
    ("invalid date-time", "неправильна дата чи час"),
    ("invalid inline table element", "неправильний елемент вбудованої таблиці"),
    ("invalid comment character", "неприпустимий символ у коментарі"),
    ("duplicate key", "ключ повторюється"),
    ("string values must be quoted", "текстові значення беруть у лапки"),
    ("missing value", "бракує значення"),
    ("missing value for key", "бракує значення ключа"),
    ("key with no value", "ключ без значення"),
    ("missing assignment between key-value pairs", "бракує `=` між ключем і значенням"),
    ("missing comma between array elements", "бракує коми між елементами списку"),
    ("missing comma between key-value pairs", "бракує коми між парами ключ = значення"),
    ("missing opening quote", "бракує початкових лапок"),
    ("missing array opening", "бракує `[` на початку списку"),
    ("missing inline table opening", "бракує `{` на початку вбудованої таблиці"),
    ("missing table open", "бракує `[` на початку заголовка таблиці"),
    ("missing key for inline table element", "бракує ключа в елементі вбудованої таблиці"),
    ("missing escaped value", "бракує символу після `\\`"),
    ("unclosed array", "список не закрито"),
    ("unclosed table", "заголовок таблиці не закрито"),
    ("unclosed array table", "заголовок масиву таблиць не закрито"),
    ("unclosed inline table", "вбудовану таблицю не закрито"),
    ("unexpected content", "зайвий вміст"),
    ("unexpected content between comment and newline", "зайвий вміст після коментаря"),
    ("unexpected key or value", "несподіваний ключ чи значення"),
    ("unexpected leading zero", "зайвий нуль на початку числа"),
    ("unexpected sign", "несподіваний знак"),
    ("extra comma in array", "зайва кома в списку"),
    ("extra comma in inline table", "зайва кома у вбудованій таблиці"),
    ("extra `=`", "зайвий `=`"),
    ("extra assignment between key-value pairs", "зайвий `=` між парами ключ = значення"),
    ("carriage return must be followed by newline", "після символу повернення каретки має йти новий рядок"),
];

#[cfg(test)]
mod tests {
    use super::detail;

    #[test]
    fn the_parsers_shapes_come_out_in_ukrainian() {
        assert_eq!(
            detail("`languages`: expected an array of text, found 5"),
            "`languages`: має бути список текстів, а тут 5"
        );
        assert_eq!(
            detail("expected a date without quotes, like 2012-03-14, found the string \"2012-03-14\""),
            "дату пишуть без лапок, як-от 2012-03-14, а тут рядок \"2012-03-14\""
        );
        assert_eq!(
            detail("invalid type: string \"8.5\", expected f64"),
            "має бути число, а тут рядок \"8.5\""
        );
        assert_eq!(
            detail("invalid type: integer `5`, expected a sequence"),
            "має бути список (масив), а тут ціле число `5`"
        );
        assert_eq!(detail("expected f64"), "має бути число");
        assert_eq!(
            detail("invalid basic string, expected `\"`"),
            "неправильний рядок у подвійних лапках; очікувано: `\"`"
        );
        assert_eq!(detail("something new"), "something new");
        assert_eq!(detail("invalid date, expected day between 01 and 29"), "день має бути від 01 до 29");
        assert_eq!(
            detail("invalid value: 1.33 hours is not a whole number of minutes"),
            "1.33 год — не ціла кількість хвилин"
        );
        let full = "TOML parse error at line 2, column 7\n  |\n2 | sex = \"female\n  |       ^\ninvalid basic string, expected `\"`\n";
        assert!(
            detail(full).starts_with("помилка розбору TOML у рядку 2, стовпці 7\n  |\n2 | sex"),
            "{}",
            detail(full)
        );
        assert!(
            detail(full).ends_with("неправильний рядок у подвійних лапках; очікувано: `\"`"),
            "{}",
            detail(full)
        );
    }
}
