//! The centre's spreadsheet in, Excel out (issue #14): `import` of XLSX and CSV, all or
//! nothing and idempotent; `--format xlsx` read back with calamine; `--csv-excel`.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

use crate::support::Registry;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name).display().to_string()
}

/// A workbook as a centre keeps it: Ukrainian headers, a date cell, a typed date, labels.
fn children_workbook(path: &Path, extra: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Діти").unwrap();
    let headers = [
        "Прізвище",
        "ІМ’Я",
        "Дата народження",
        "Стать",
        "Категорія",
        "Форма влаштування",
        "Заклад",
        "Громада",
    ];
    for (col, header) in headers.iter().enumerate() {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    let date = Format::new().set_num_format("dd.mm.yyyy");
    sheet.write_string(1, 0, "Ткаченко").unwrap();
    sheet.write_string(1, 1, "Ірина").unwrap();
    sheet.write_datetime_with_format(1, 2, ExcelDateTime::from_ymd(2012, 3, 14).unwrap(), &date).unwrap();
    sheet.write_string(1, 3, "жіноча").unwrap();
    sheet.write_string(1, 4, "дитина-сирота").unwrap();
    sheet.write_string(1, 5, "заклад").unwrap();
    sheet.write_string(1, 6, "Lyceum No. 1").unwrap();
    sheet.write_string(1, 7, "Testova").unwrap();
    sheet.write_string(2, 0, "Бондар").unwrap();
    sheet.write_string(2, 1, "Петро").unwrap();
    sheet.write_string(2, 2, "02.05.2011").unwrap();
    sheet.write_string(2, 3, "male").unwrap();
    sheet.write_string(2, 4, "deprived_of_parental_care").unwrap();
    sheet.write_string(2, 5, "прийомна сімʼя").unwrap();
    sheet.write_string(2, 7, "Testova").unwrap();
    extra(sheet);
    book.save(path).unwrap();
}

fn temp_file(registry: &Registry, name: &str) -> PathBuf {
    registry.dir.path().join(name)
}

#[test]
fn an_xlsx_of_children_is_added_in_one_commit_and_a_second_import_changes_nothing() {
    let registry = Registry::new().with_people();
    let file = temp_file(&registry, "children.xlsx");
    children_workbook(&file, |_| {});
    let before = registry.commit_count();

    let run = registry.run(&["import", "children", file.to_str().unwrap(), "--format", "csv"]).expect(0);
    assert_eq!(
        run.stdout,
        "row,action,id,fields\n2,add,c-0002,surname given_name birth_date sex category placement institution community\n3,add,c-0003,surname given_name birth_date sex category placement community\n"
    );
    assert_eq!(registry.commit_count(), before + 1, "one commit for the whole file");
    assert_eq!(registry.git(&["log", "-1", "--format=%s"]).trim(), "child import c-0002, c-0003");
    assert_eq!(registry.status(), "");
    let first = registry.read("children/c-0002.toml");
    assert!(first.contains("birth_date = 2012-03-14\n"), "{first}");
    assert!(first.contains("sex = \"female\"\n") && first.contains("category = \"orphan\"\n"), "{first}");
    assert!(first.contains("institution = \"i-0001\"\n"), "the institution by its name: {first}");
    let second = registry.read("children/c-0003.toml");
    assert!(
        second.contains("birth_date = 2011-05-02\n") && second.contains("placement = \"foster_family\"\n")
    );
    registry.run(&["check"]).expect(0);

    let run = registry.run(&["import", "children", file.to_str().unwrap(), "--format", "csv"]).expect(0);
    assert_eq!(run.stdout, "row,action,id,fields\n2,unchanged,c-0002,\n3,unchanged,c-0003,\n");
    assert_eq!(registry.commit_count(), before + 1, "a re-import commits nothing");
    assert_eq!(registry.status(), "");
}

#[test]
fn a_semicolon_csv_with_a_bom_as_excel_writes_it_is_imported() {
    let registry = Registry::new().with_people();
    registry.run(&["import", "children", &fixture("children-excel.csv")]).expect(0);
    let child = registry.read("children/c-0002.toml");
    assert!(
        child.contains("surname = \"Ткаченко\"\n") && child.contains("settlement = \"Житомир\"\n"),
        "{child}"
    );
    assert!(child.contains("patronymic = \"Олегівна\"\n"), "{child}");
    let other = registry.read("children/c-0003.toml");
    assert!(other.contains("category = \"deprived_of_parental_care\"\n"), "{other}");
    assert!(other.contains("institution = \"i-0001\"\n") && !other.contains("settlement"), "{other}");
    registry.run(&["check"]).expect(0);
}

#[test]
fn bad_rows_are_all_reported_with_their_row_and_value_and_nothing_is_written() {
    let registry = Registry::new().with_people();
    let before = registry.commit_count();
    let run = registry.run(&["import", "children", &fixture("children-bad.csv")]).expect(1);
    let expected = [
        "row 2, \"birth_date\" = \"31.02.2012\": expected a date DD.MM.YYYY or YYYY-MM-DD",
        "row 3, \"sex\" = \"ж\": expected one of",
        "row 3, \"category\" = \"сирота\": expected one of",
        "row 3, \"institution\" = \"Невідомий ліцей\": no institution has the ID or name",
        "row 4, \"surname\" = \"=HYPERLINK(\"http://x\")\": a formula",
        "row 5, \"birth_date\" = \"2030-01-01\"",
        "nothing imported: 7 problems",
    ];
    for line in expected {
        assert!(run.stderr.contains(line), "missing {line:?} in:\n{}", run.stderr);
    }
    assert_eq!(run.stdout, "");
    assert_eq!(registry.commit_count(), before);
    assert_eq!(registry.status(), "");
    assert!(!registry.exists("children/c-0002.toml"));
}

#[test]
fn a_row_of_an_existing_person_updates_them_and_an_id_column_names_the_record() {
    let registry = Registry::new().with_people();
    let file = temp_file(&registry, "update.csv");
    std::fs::write(&file, "Прізвище,Ім'я,Дата народження,Населений пункт\nkoval,MARIA,14.03.2010,Житомир\n")
        .unwrap();
    let run = registry.run(&["import", "children", file.to_str().unwrap(), "--format", "csv"]).expect(0);
    assert_eq!(run.stdout, "row,action,id,fields\n2,update,c-0001,settlement\n");
    let child = registry.read("children/c-0001.toml");
    assert!(
        child.contains("settlement = \"Житомир\"\n")
            && child.contains("interests = [\"football\", \"drawing\"]")
    );
    assert_eq!(registry.git(&["log", "-1", "--format=%s"]).trim(), "child import c-0001");

    std::fs::write(&file, "ID;Телефон;Кількість дітей;Годин навчання\nm-0001;+380 67 111 2233;2;12,5\n")
        .unwrap();
    registry.run(&["import", "mentors", file.to_str().unwrap()]).expect(0);
    let mentor = registry.read("mentors/m-0001.toml");
    assert!(
        mentor.contains("phone = \"+380 67 111 2233\"\n") && mentor.contains("capacity = 2\n"),
        "{mentor}"
    );
    assert!(mentor.contains("hours = 12.5\n"), "a decimal comma: {mentor}");

    // A note keeps its line breaks; a one-line field refuses them.
    std::fs::write(&file, "id,assessment.summary\nc-0001,\"перший рядок\r\nдругий\"\n").unwrap();
    registry.run(&["import", "children", file.to_str().unwrap()]).expect(0);
    assert!(registry.read("children/c-0001.toml").contains("перший рядок\nдругий"));
}

#[test]
fn a_dry_run_shows_what_would_change_and_writes_nothing() {
    let registry = Registry::new().with_people();
    let before = registry.commit_count();
    let run = registry.run(&["import", "children", &fixture("children-excel.csv"), "--dry-run"]).expect(0);
    assert!(run.stdout.contains("c-0002") && run.stdout.contains("add"), "{}", run.stdout);
    assert!(run.stderr.contains("dry run, nothing written: 2 would be added"), "{}", run.stderr);
    assert_eq!(registry.commit_count(), before);
    assert!(!registry.exists("children/c-0002.toml"));
}

#[test]
fn an_import_gives_the_same_file_as_add() {
    let registry = Registry::new().with_people();
    registry.run(&["import", "mentors", &fixture("mentors.csv")]).expect(0);
    let imported = registry.read("mentors/m-0002.toml");
    registry.git(&["rm", "-q", "mentors/m-0002.toml"]);
    registry.git(&["commit", "-q", "-m", "drop"]);
    registry
        .run(&[
            "mentor",
            "add",
            "--surname",
            "Гнатюк",
            "--given-name",
            "Софія",
            "--birth-date",
            "1990-02-03",
            "--sex",
            "female",
            "--community",
            "Testova",
            "--citizenship",
            "UA",
            "--phone",
            "+380 67 000 0000",
            "--interests",
            "reading,music",
        ])
        .expect(0);
    // A removed record's ID is never handed out again (#11): the same file under the next one.
    assert_eq!(registry.read("mentors/m-0003.toml"), imported.replace("\"m-0002\"", "\"m-0003\""));

    registry.run(&["import", "institutions", &fixture("institutions.csv")]).expect(0);
    let institution = registry.read("institutions/i-0002.toml");
    assert!(
        institution.contains("kind = \"general_secondary\"\n")
            && institution.contains("edrpou = \"12345670\"\n")
    );
}

#[test]
fn formulas_path_like_ids_and_control_characters_are_refused() {
    let registry = Registry::new().with_people();
    let file = temp_file(&registry, "formula.xlsx");
    children_workbook(&file, |sheet| {
        sheet.write_formula(2, 1, Formula::new("=UPPER(\"петро\")")).unwrap();
    });
    let run = registry.run(&["import", "children", file.to_str().unwrap()]).expect(1);
    assert!(run.stderr.contains("row 3, \"ІМ’Я\""), "{}", run.stderr);
    assert!(run.stderr.contains("a formula"), "{}", run.stderr);

    let csv = temp_file(&registry, "ids.csv");
    std::fs::write(&csv, "id,settlement\n../../etc/passwd,X\nc-0001,\"a\u{1b}[31mb\"\n").unwrap();
    let run = registry.run(&["import", "children", csv.to_str().unwrap()]).expect(1);
    assert!(run.stderr.contains("row 2, \"id\" = \"../../etc/passwd\""), "{}", run.stderr);
    assert!(run.stderr.contains("row 3, \"settlement\""), "{}", run.stderr);
    assert!(run.stderr.contains("control character"), "{}", run.stderr);
    assert_eq!(registry.status(), "");
}

#[test]
fn unknown_columns_and_the_same_person_twice_are_refused() {
    let registry = Registry::new().with_people();
    let file = temp_file(&registry, "twice.csv");
    std::fs::write(
        &file,
        "surname,given_name,birth_date,sex,category,placement,community,Хобі\n\
         A,B,2012-01-01,female,orphan,own_family,Testova,\n\
         a,b,01.01.2012,female,orphan,own_family,Testova,\n",
    )
    .unwrap();
    let run = registry.run(&["import", "children", file.to_str().unwrap()]).expect(1);
    assert!(run.stderr.contains("row 1, \"Хобі\": unknown column"), "{}", run.stderr);
    assert!(run.stderr.contains("row 3: the same person as row 2"), "{}", run.stderr);
}

fn read_xlsx(bytes: &[u8]) -> Vec<Vec<Data>> {
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range.rows().map(|row| row.to_vec()).collect()
}

#[test]
fn xlsx_export_has_localized_headers_labels_and_typed_cells() {
    let registry = Registry::new().with_people();
    let out = temp_file(&registry, "children.xlsx");
    registry
        .run(&["report", "children", "--format", "xlsx", "-o", out.to_str().unwrap(), "--lang", "uk"])
        .expect(0);
    let rows = read_xlsx(&std::fs::read(&out).unwrap());
    assert_eq!(rows[0][0], Data::String("дитина".into()));
    let header = |name: &str| rows[0].iter().position(|h| *h == Data::String(name.into())).unwrap();
    assert!(matches!(rows[1][header("на обліку з")], Data::DateTime(_)), "{:?}", rows[1]);
    assert!(matches!(rows[1][header("днів очікування")], Data::Float(_) | Data::Int(_)), "{:?}", rows[1]);

    // A listing without -o goes to a redirected standard output; codes become labels.
    let output = crate::support::command(registry.dir.path())
        .arg("-C")
        .arg(registry.root())
        .args(["--today", "2026-11-23", "--lang", "uk", "child", "list", "--format", "xlsx"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let rows = read_xlsx(&output.stdout);
    assert_eq!(
        rows[0][..3],
        [Data::String("ID".into()), Data::String("Дата народження".into()), Data::String("Стать".into())]
    );
    assert_eq!(rows[1][2], Data::String("жіноча".into()));
    assert!(matches!(rows[1][1], Data::DateTime(_)));

    // A command that prints no table has nothing to put in a workbook.
    let run = registry.run(&["status", "--format", "xlsx", "-q"]).expect(2);
    assert!(run.stderr.contains("prints no table"), "{}", run.stderr);
    // Refused before anything is written, not after.
    let before = registry.commit_count();
    let add = ["institution", "add", "--name", "X", "--kind", "other", "--address", "A", "--director", "D"];
    let add = [&add[..], &["--community", "Testova", "--format", "xlsx"]].concat();
    let run = registry.run(&add).expect(2);
    assert!(run.stderr.contains("prints no table"), "{}", run.stderr);
    assert_eq!(registry.commit_count(), before);
    assert!(!registry.exists("institutions/i-0002.toml"));
}

#[test]
fn csv_for_excel_has_a_bom_semicolons_and_a_decimal_comma() {
    let registry = Registry::demo();
    let out = temp_file(&registry, "agreements.csv");
    let path = out.to_str().unwrap();
    let args = ["report", "agreements", "--month", "2026-11", "--format", "csv", "--csv-excel", "-o", path];
    registry.run(&args).expect(0);
    let bytes = std::fs::read(&out).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFagreement;number;child;"),
        "{:?}",
        String::from_utf8_lossy(&bytes[..40])
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.contains("a-0001;НС-2025/011;c-0001;m-0001;i-0002;2017;active;2025-10-02;"), "{text}");
    assert!(text.contains(";4,5;"), "hours with a decimal comma: {text}");

    let plain = registry.run(&["report", "agreements", "--month", "2026-11", "--format", "csv"]).expect(0);
    assert!(plain.stdout.starts_with("agreement,number,child,"), "scripts keep the plain CSV");
    assert!(plain.stdout.contains(",4.5,"));
}

#[test]
fn rows_are_numbered_as_the_sheet_shows_them_and_missing_columns_are_named_once() {
    let registry = Registry::new().with_people();
    let file = temp_file(&registry, "titled.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    // A title above the table and a table starting in column B, as centres lay them out.
    sheet.write_string(0, 0, "Список дітей станом на 23.11.2026").unwrap();
    for (col, header) in ["Прізвище", "Ім'я", "Дата народження", "Стать"].iter().enumerate()
    {
        sheet.write_string(2, col as u16 + 1, *header).unwrap();
    }
    for row in [3, 4] {
        sheet.write_string(row, 1, "Гнатюк").unwrap();
        sheet.write_string(row, 2, format!("Ім{row}")).unwrap();
        sheet.write_string(row, 3, "2012-01-01").unwrap();
    }
    sheet.write_string(4, 4, "чоловіча").unwrap();
    book.save(&file).unwrap();
    let run = registry.run(&["import", "children", file.to_str().unwrap()]).expect(1);
    let stderr = &run.stderr;
    assert!(stderr.contains("row 3: there is no column \"Category\" (`category`)"), "{stderr}");
    assert_eq!(stderr.matches("there is no column \"Community\"").count(), 1, "{stderr}");
    assert!(stderr.contains("row 4: a new record needs \"Sex\" (`sex`)"), "{stderr}");
    assert!(!stderr.contains("row 5: a new record needs \"Sex\""), "{stderr}");

    // Excel's plain CSV in a Ukrainian locale is windows-1251: refused with what to do.
    let csv = temp_file(&registry, "cp1251.csv");
    std::fs::write(&csv, b"\xcf\xf0\xb3\xe7\xe2\xe8\xf9\xe5\n").unwrap();
    let run = registry.run(&["import", "children", csv.to_str().unwrap()]).expect(2);
    assert!(run.stderr.contains("is not UTF-8") && run.stderr.contains("CSV UTF-8"), "{}", run.stderr);
}
