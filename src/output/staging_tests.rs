use super::super::{manifest_len, test_dir, write_site};
use super::*;

#[test]
fn writes_swaps_and_skips_unchanged() {
    let d = test_dir("swap");
    let out = d.join("public");
    let files = vec![
        OutputFile::new("index.html", "home"),
        OutputFile::new("a/index.html", "a"),
    ];
    let r = write_site(&out, files.clone()).unwrap();
    assert_eq!(r.written, 2);
    assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "a");
    assert!(out.join(MARKER).is_file());

    let r = write_site(&out, files.clone()).unwrap();
    assert!(r.untouched);

    let mut changed = files.clone();
    changed[0].bytes = b"home2".to_vec();
    changed.pop();
    let r = write_site(&out, changed).unwrap();
    assert_eq!((r.written, r.unchanged, r.removed), (1, 0, 1));
    assert!(!out.join("a/index.html").exists());
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn refuses_a_folder_it_did_not_make() {
    let d = test_dir("refuse");
    let out = d.join("public");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("precious.txt"), "mine").unwrap();
    let err = write_site(&out, vec![OutputFile::new("index.html", "x")]).unwrap_err();
    assert!(err.to_string().contains("not made by bilateral-digest"));
    assert_eq!(
        fs::read_to_string(out.join("precious.txt")).unwrap(),
        "mine"
    );
    assert!(Staging::begin(&out).is_err());
    assert_eq!(fs::read_dir(&d).unwrap().count(), 1);
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn refuses_paths_that_escape() {
    let d = test_dir("escape");
    let out = d.join("public");
    assert!(write_site(&out, vec![OutputFile::new("../x", "x")]).is_err());
    assert!(write_site(&out, vec![OutputFile::new("/etc/x", "x")]).is_err());
    assert!(write_site(&out, vec![OutputFile::new("a\nb", "x")]).is_err());
    assert!(!out.exists());
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn staging_streams_from_threads_and_keeps_unchanged_files() {
    let d = test_dir("stream");
    let out = d.join("public");
    let files: Vec<OutputFile> = (0..50)
        .map(|i| OutputFile::new(format!("p/{i}/index.html"), format!("page {i}")))
        .collect();
    let staging = Staging::begin(&out).unwrap();
    files
        .clone()
        .into_par_iter()
        .try_for_each(|f| staging.put(f))
        .unwrap();
    assert!(!out.exists(), "output appears only on finish");
    let r = staging.finish().unwrap();
    assert_eq!((r.written, r.unchanged, r.untouched), (50, 0, false));
    assert_eq!(manifest_len(&out), 50);
    assert_eq!(
        fs::read_to_string(out.join("p/7/index.html")).unwrap(),
        "page 7"
    );

    // Same files again: the output is not touched and no staging is left.
    let staging = Staging::begin(&out).unwrap();
    for f in files.iter().cloned() {
        staging.put(f).unwrap();
    }
    assert!(staging.finish().unwrap().untouched);

    // One change: the other files are reused (hard-linked, same inode).
    #[cfg(unix)]
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&fs::metadata(p).unwrap());
    #[cfg(unix)]
    let before = inode(&out.join("p/1/index.html"));
    let staging = Staging::begin(&out).unwrap();
    for mut f in files.iter().cloned() {
        if f.path == "p/0/index.html" {
            f.bytes = b"new".to_vec();
        }
        staging.put(f).unwrap();
    }
    let r = staging.finish().unwrap();
    assert_eq!((r.written, r.unchanged, r.removed), (1, 49, 0));
    assert_eq!(
        fs::read_to_string(out.join("p/0/index.html")).unwrap(),
        "new"
    );
    #[cfg(unix)]
    assert_eq!(inode(&out.join("p/1/index.html")), before);
    let leftovers: Vec<_> = fs::read_dir(&d)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "public")
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn staging_error_leaves_previous_output_intact() {
    let d = test_dir("abort");
    let out = d.join("public");
    write_site(&out, vec![OutputFile::new("index.html", "old")]).unwrap();

    let staging = Staging::begin(&out).unwrap();
    staging.put(OutputFile::new("index.html", "new")).unwrap();
    let err = staging
        .put(OutputFile::new("index.html", "other"))
        .unwrap_err();
    assert!(err.to_string().contains("same file `index.html`"), "{err}");
    assert!(staging.put(OutputFile::new("../x", "x")).is_err());
    assert!(staging.put(OutputFile::new(MARKER, "x")).is_err());
    drop(staging);

    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
    assert_eq!(
        fs::read_dir(&d).unwrap().count(),
        1,
        "the staging folder is removed"
    );
    let two = vec![OutputFile::new("a", "1"), OutputFile::new("a", "2")];
    assert!(write_site(&out, two).is_err());
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "old");
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn files_it_did_not_write_are_kept_and_listed() {
    let d = test_dir("keep");
    let out = d.join("public");
    let site = |home: &str| {
        vec![
            OutputFile::new("index.html", home.to_string()),
            OutputFile::new("a/index.html", "a"),
            OutputFile::new("gone/index.html", "gone"),
        ]
    };
    write_site(&out, site("v1")).unwrap();
    fs::write(out.join("CNAME"), "example.org\n").unwrap();
    fs::create_dir_all(out.join("downloads/pdf")).unwrap();
    fs::write(out.join("downloads/pdf/report.pdf"), "%PDF").unwrap();
    fs::write(out.join("a/notes.txt"), "mine").unwrap();
    // Debris of a dead run is not the user's: it is not carried.
    fs::write(out.join("a/.index.html.new-4194402"), "half").unwrap();

    let mut next = site("v2");
    next.pop();
    let r = write_site(&out, next).unwrap();
    assert_eq!(r.kept, ["CNAME", "a/notes.txt", "downloads/"]);
    assert_eq!(r.removed, 1);
    assert_eq!(
        r.kept_line().unwrap(),
        "kept 3 files not written by bilateral-digest: CNAME, a/notes.txt, downloads/"
    );
    assert_eq!(
        fs::read_to_string(out.join("CNAME")).unwrap(),
        "example.org\n"
    );
    assert_eq!(
        fs::read_to_string(out.join("downloads/pdf/report.pdf")).unwrap(),
        "%PDF"
    );
    assert_eq!(fs::read_to_string(out.join("a/notes.txt")).unwrap(), "mine");
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v2");
    assert!(
        !out.join("gone").exists(),
        "what the manifest lists is removed"
    );
    assert!(!out.join("a/.index.html.new-4194402").exists());

    // A file of the user's where the site now writes one: refused, nothing lost.
    fs::write(out.join("about.html"), "mine").unwrap();
    let mut clash = site("v3");
    clash.push(OutputFile::new("about.html", "site's"));
    let e = write_site(&out, clash).unwrap_err().to_string();
    assert!(e.contains("was not written by bilateral-digest"), "{e}");
    assert_eq!(fs::read_to_string(out.join("about.html")).unwrap(), "mine");
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "v2");
    fs::remove_dir_all(&d).unwrap();
}

#[cfg(unix)]
#[test]
fn the_output_keeps_its_mode_and_a_symlinked_output_stays_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let d = test_dir("mode");
    let out = d.join("public");
    fs::create_dir_all(&out).unwrap();
    fs::set_permissions(&out, fs::Permissions::from_mode(0o700)).unwrap();
    write_site(&out, vec![OutputFile::new("index.html", "1")]).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&out), 0o700);
    write_site(&out, vec![OutputFile::new("index.html", "2")]).unwrap();
    assert_eq!(mode(&out), 0o700);

    let target = d.join("elsewhere/site");
    fs::create_dir_all(&target).unwrap();
    let link = d.join("www");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    write_site(&link, vec![OutputFile::new("index.html", "1")]).unwrap();
    write_site(&link, vec![OutputFile::new("index.html", "2")]).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(target.join("index.html")).unwrap(), "2");
    assert_eq!(fs::read_dir(d.join("elsewhere")).unwrap().count(), 1);
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn the_two_rename_fallback_swaps_whole_and_leaves_nothing_beside() {
    let d = test_dir("fallback");
    let out = d.join("public");
    write_site(&out, vec![OutputFile::new("index.html", "old")]).unwrap();
    fs::write(out.join("CNAME"), "x").unwrap();
    let staging = Staging::begin(&out).unwrap().without_exchange();
    staging.put(OutputFile::new("index.html", "new")).unwrap();
    let r = staging.finish().unwrap();
    assert_eq!(r.kept, ["CNAME"]);
    assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "new");
    assert_eq!(fs::read_to_string(out.join("CNAME")).unwrap(), "x");
    assert_eq!(
        fs::read_dir(&d).unwrap().count(),
        1,
        "no old or staging folder left"
    );
    fs::remove_dir_all(&d).unwrap();
}
