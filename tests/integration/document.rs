//! The agreement document a centre prints and signs (issue #13): numbered clauses and every
//! section a contract needs, blanks for missing particulars (and `check` warning of them), the
//! young person's wording, print typography, the DOCX's language, footer, metadata and margins.

use std::io::Read;

use crate::support::{Registry, Run, TODAY, command};

/// Runs with `--lang uk` (the support runner fixes `--lang en`).
fn run_uk(registry: &Registry, args: &[&str]) -> Run {
    let output = command(registry.dir.path())
        .arg("-C")
        .arg(registry.root())
        .args(["--today", TODAY, "--lang", "uk"])
        .args(args)
        .output()
        .expect("binary runs");
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn markdown(registry: &Registry, id: &str, lang: &str) -> String {
    let run = match lang {
        "uk" => run_uk(registry, &["agreement", "render", id, "--to", "md"]),
        _ => registry.run(&["agreement", "render", id, "--to", "md"]),
    };
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
}

/// The clause numbers (`3.3.2`) that start the document's paragraphs, in order.
fn clause_numbers(md: &str) -> Vec<String> {
    md.lines()
        .filter_map(|line| line.trim_start_matches("## ").split_once(". "))
        .map(|(number, _)| number)
        .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .map(str::to_string)
        .collect()
}

/// The parts of a DOCX, by name.
fn docx_part(path: &std::path::Path, name: &str) -> String {
    let file = std::fs::File::open(path).expect("written");
    let mut archive = zip::ZipArchive::new(file).expect("a zip");
    let mut xml = String::new();
    archive.by_name(name).unwrap_or_else(|_| panic!("{name} in the DOCX")).read_to_string(&mut xml).unwrap();
    xml
}

fn footer_parts(path: &std::path::Path) -> String {
    let file = std::fs::File::open(path).expect("written");
    let mut archive = zip::ZipArchive::new(file).expect("a zip");
    let names: Vec<String> =
        archive.file_names().filter(|n| n.starts_with("word/footer")).map(String::from).collect();
    let mut xml = String::new();
    for name in names {
        archive.by_name(&name).unwrap().read_to_string(&mut xml).unwrap();
    }
    xml
}

// See: #13
#[test]
fn the_agreement_has_numbered_clauses_and_every_section_a_contract_needs() {
    let registry = Registry::demo();
    let md = markdown(&registry, "a-0007", "uk");
    for section in [
        "## 1. Предмет Договору",
        "## 2. Строк дії Договору",
        "## 3. Права та обов’язки Центру",
        "## 4. Права та обов’язки Закладу",
        "## 5. Права та обов’язки Наставника",
        "## 6. Права Дитини та права і обов’язки Законного представника",
        "## 7. Згоди",
        "## 8. Конфіденційність і персональні дані",
        "## 9. Відповідальність Сторін",
        "## 10. Зупинення, зміна та припинення Договору",
        "## 11. Вирішення спорів",
        "## 12. Прикінцеві положення",
        "## 13. Реквізити та підписи Сторін",
    ] {
        assert!(md.contains(section), "missing {section:?} in:\n{md}");
    }
    for needle in [
        // Rights and duties are numbered, so a termination notice can cite them.
        "\n3.1.1. ",
        "\n5.1.3. звітувати Центру про перебіг наставництва",
        "\n5.1.5. протягом п’яти робочих днів повідомляти Центр про зміни у своєму становищі",
        "\n5.1.6. не вживати алкогольних напоїв, тютюнових виробів",
        "\n5.1.7. не перевозити Дитину транспортним засобом і не залишати її на ночівлю",
        "\n5.1.8. не контактувати з батьками та іншими родичами Дитини",
        "\n10.3.6. ",
        // The term, its extension, amendment, notice, the end prepared.
        "лише додатковою угодою в письмовій формі, підписаною всіма Сторонами",
        "Зміни до Договору вносяться лише додатковою угодою в письмовій формі",
        "не пізніше ніж за 14 календарних днів",
        "готує Дитину до завершення наставництва",
        // Personal data: the controller and the subjects' rights; the annexes.
        "Володільцем персональних даних",
        "статтею 8 Закону України «Про захист персональних даних»",
        "додаток 1 — письмові згоди",
        "додаток 2 — індивідуальний план супроводу",
        // Copies in words; the binding meeting norm instead of «орієнтуються».
        "у чотирьох примірниках",
        "не менше ніж 8\u{a0}год на місяць",
        // Signatures: «Ім’я ПРІЗВИЩЕ», the seal, the child's consent line under 2026.
        "____________ Олена\u{a0}ПЕТРЕНКО",
        "М.\u{a0}П.",
        "### Згода Дитини",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in:\n{md}");
    }
    for wrong in [
        "nastavnyk agreement verify",
        "орієнтуються",
        "надав(ла)",
        "(мати)**",
        "у 4 примірниках",
        "р..",
        "'",
        "\n- ",
    ] {
        assert!(!md.contains(wrong), "{wrong:?} in:\n{md}");
    }
    assert!(md.contains("**Левченко Оксана Миколаївна**, законний представник дитини (мати)"), "{md}");
    let numbers = clause_numbers(&md);
    assert!(numbers.iter().any(|n| n == "5.1.10"), "{numbers:?}");
    let last = |prefix: &str| {
        md.lines().rfind(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("{prefix}")).to_string()
    };
    assert!(last("5.1.").ends_with('.'), "the last item ends with a full stop, not «;»");
}

// See: #13
#[test]
fn the_english_rendering_has_the_same_structure() {
    let registry = Registry::demo();
    for id in ["a-0007", "a-0004", "a-0001"] {
        let uk = clause_numbers(&markdown(&registry, id, "uk"));
        let en = clause_numbers(&markdown(&registry, id, "en"));
        assert_eq!(uk, en, "{id}: the same clauses in the same order");
        assert!(uk.len() > 80, "{id}: {uk:?}");
    }
}

// See: #13
#[test]
fn a_young_person_of_18_signs_for_themselves_and_has_no_legal_representative() {
    // a-0004: the child was born on 2005-04-03 and the agreement signed on 2025-09-24.
    let registry = Registry::demo();
    let md = markdown(&registry, "a-0004", "uk");
    for needle in [
        "особа з числа дітей-сиріт та дітей, позбавлених батьківського піклування",
        "(далі — Особа)",
        "### Особа",
        "____________ Вікторія\u{a0}ГНАТЮК",
        "у чотирьох примірниках",
    ] {
        assert!(md.contains(needle), "missing {needle:?} in:\n{md}");
    }
    for wrong in ["Законний представник", "(далі — Дитина)", "законного представника"]
    {
        assert!(!md.contains(wrong), "{wrong:?} in:\n{md}");
    }
    let en = markdown(&registry, "a-0004", "en");
    assert!(en.contains("(the Young Person)") && !en.contains("Legal Representative"), "{en}");

    // A child of 17 on the document's date is a child, with a representative under 2026.
    let md = markdown(&registry, "a-0007", "uk");
    assert!(md.contains("(далі — Дитина)") && md.contains("### Законний представник"), "{md}");
}

// See: #13
#[test]
fn missing_particulars_print_a_blank_and_check_warns_before_signing() {
    let registry = Registry::demo();
    let warnings = |registry: &Registry| -> Vec<(String, String)> {
        let json = registry.run(&["check", "--format", "json"]).json();
        json["warnings"]
            .as_array()
            .expect("warnings")
            .iter()
            .filter(|d| d["code"] == "agreement.particulars_missing")
            .map(|d| (d["file"].as_str().unwrap().to_string(), d["message"].as_str().unwrap().to_string()))
            .collect()
    };
    let found = warnings(&registry);
    let about = |file: &str, field: &str| {
        found.iter().any(|(f, m)| f == file && m.contains("a-0011") && m.contains(&format!("`{field}`")))
    };
    assert!(about("mentors/m-0010.toml", "identity_document.number"), "{found:?}");
    assert!(about("mentors/m-0010.toml", "registered_address"), "{found:?}");
    assert!(about("children/c-0011.toml", "status_decision.number"), "{found:?}");
    assert!(about("children/c-0011.toml", "consent.legal_representative_authority"), "{found:?}");
    assert!(about("nastavnyk.toml", "centre.authority"), "{found:?}");
    // Only proposed agreements: a signed one is already on paper.
    assert!(!found.iter().any(|(_, m)| m.contains("a-0001 ")), "{found:?}");

    let md = markdown(&registry, "a-0011", "uk");
    assert!(md.contains("паспорт громадянина України №\u{a0}\\_\\_\\_\\_"), "a blank to fill in:\n{md}");

    registry
        .run(&[
            "mentor",
            "set",
            "m-0010",
            "identity_document.number=001234567",
            "identity_document.issued_by=1810",
            "identity_document.issued_on=2019-03-12",
            "registered_address=вул. Київська, 5, м. Житомир",
        ])
        .expect(0);
    let found = warnings(&registry);
    assert!(!found.iter().any(|(f, _)| f == "mentors/m-0010.toml"), "{found:?}");
    let md = markdown(&registry, "a-0011", "uk");
    assert!(md.contains("паспорт громадянина України №\u{a0}001234567"), "{md}");
    assert!(md.contains("дата видачі — 12\u{a0}березня\u{a0}2019\u{a0}р."), "{md}");
    assert!(md.contains("вул.\u{a0}Київська, 5, м.\u{a0}Житомир"), "{md}");
}

// See: #13
#[test]
fn filling_in_a_particular_changes_the_fingerprint() {
    let registry = Registry::demo();
    let hash = |md: &str| md.split('`').nth(1).unwrap_or_default().to_string();
    let first = hash(&markdown(&registry, "a-0011", "uk"));
    assert_eq!(first.len(), 12);
    // Filling a particular in is a change the fingerprint must show.
    registry.run(&["child", "set", "c-0011", "address=вул. Лісова, 2, м. Житомир"]).expect(0);
    assert_ne!(hash(&markdown(&registry, "a-0011", "uk")), first);
}

// See: #13
#[test]
fn the_html_numbers_its_pages_and_keeps_the_signatures_with_the_text() {
    let registry = Registry::demo();
    let html = run_uk(&registry, &["agreement", "render", "a-0007", "--to", "html"]).stdout;
    for needle in [
        "size: A4",
        "margin: 20mm 10mm 20mm 30mm",
        "@bottom-right",
        "counter(page)",
        "counter(pages)",
        "a-0007 · відбиток",
        ".part-signatures { break-before: avoid",
    ] {
        assert!(html.contains(needle), "missing {needle:?}");
    }
    assert!(!html.contains("break-before: page") && !html.contains("page-break-before: always"));
    assert!(!html.contains("nastavnyk agreement verify"));
}

// See: #13
#[test]
fn the_docx_is_tagged_ukrainian_with_a_page_field_real_metadata_and_dstu_margins() {
    let registry = Registry::demo();
    let out = registry.dir.path().join("a-0007.docx");
    let run =
        run_uk(&registry, &["agreement", "render", "a-0007", "--to", "docx", "-o", out.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let styles = docx_part(&out, "word/styles.xml");
    let defaults = styles.split("</w:rPrDefault>").next().unwrap();
    assert!(defaults.contains("<w:lang w:val=\"uk-UA\""), "{styles}");
    let document = docx_part(&out, "word/document.xml");
    let runs = document.matches("<w:r>").count();
    assert!(runs > 100);
    assert_eq!(document.matches("<w:rPr>").count(), document.matches("<w:lang w:val=\"uk-UA\"").count());
    assert!(!document.contains("<w:rPr />"), "every run carries the language");

    // ДСТУ 4163:2020: left 30 mm, right 10 mm, top and bottom 20 mm (1 mm = 56.7 twips).
    let margins = document.split("<w:pgMar").nth(1).expect("page margins").split("/>").next().unwrap();
    for (side, twips) in [("top", 1134), ("bottom", 1134), ("left", 1701), ("right", 567)] {
        assert!(margins.contains(&format!("w:{side}=\"{twips}\"")), "{side}: {margins}");
    }
    assert!(document.contains("w:w=\"11906\"") && document.contains("w:h=\"16838\""), "A4");
    assert!(
        !document.contains("w:type=\"page\"") && !document.contains("pageBreakBefore"),
        "no forced break"
    );
    assert!(document.contains("<w:keepNext />"), "the last clause keeps with the signatures");

    let footer = footer_parts(&out);
    assert!(footer.contains(">PAGE<") && footer.contains(">NUMPAGES<"), "{footer}");
    let md = markdown(&registry, "a-0007", "uk");
    let fingerprint = md.split('`').nth(1).unwrap();
    assert!(footer.contains(&format!("a-0007 · відбиток {fingerprint}")), "{footer}");
    assert!(!footer.contains("nastavnyk") && !document.contains("nastavnyk agreement"));

    let core = docx_part(&out, "docProps/core.xml");
    assert!(core.contains("<dc:creator>Житомирський міський центр соціальних служб</dc:creator>"), "{core}");
    assert!(
        core.contains(">2026-08-05T00:00:00Z</dcterms:created>"),
        "the date of the last signature: {core}"
    );
    assert!(core.contains("<dc:language>uk-UA</dc:language>") && !core.contains("1970"), "{core}");
    let app = docx_part(&out, "docProps/app.xml");
    assert!(app.contains("<Company>Житомирський міський центр соціальних служб</Company>"), "{app}");

    let en = registry.dir.path().join("a-0007.en.docx");
    registry.run(&["agreement", "render", "a-0007", "--to", "docx", "-o", en.to_str().unwrap()]).expect(0);
    assert!(docx_part(&en, "word/styles.xml").contains("<w:lang w:val=\"en-GB\""));
}
