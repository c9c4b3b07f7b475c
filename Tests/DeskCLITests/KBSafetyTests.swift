import Foundation
import Testing

/// Issue 13: what customer-facing exports must never do — leave their folder, follow a link,
/// remove what desk did not write, link to a script, or hang on a hostile article.
@Suite struct KBSafetyTests {
  static func site() -> (Sandbox, String) {
    let s = Sandbox.team()
    s.ok("kb", "add", "reset-password", "--title", "Reset your password", "--category", "Account", "-m", "Open **Settings**.", "--publish")
    s.ok("kb", "add", "invoices", "--title", "Invoices", "--category", "Billing", "-m", "Monthly.", "--publish")
    return (s, s.dir + "/site")
  }

  /// Every entry under `dir`, without following links: a file's text, a link's target, `/` for a folder.
  static func tree(_ dir: String) -> [String: String] {
    var out: [String: String] = [:]
    func walk(_ rel: String) {
      let path = dir + rel
      for name in ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []) {
        let full = path + "/" + name
        let type = (try? FileManager.default.attributesOfItem(atPath: full))?[.type] as? FileAttributeType
        if type == .typeSymbolicLink {
          out[String((rel + "/" + name).dropFirst())] = "-> " + ((try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?")
        } else if type == .typeDirectory {
          out[String((rel + "/" + name).dropFirst())] = "/"
          walk(rel + "/" + name)
        } else {
          out[String((rel + "/" + name).dropFirst())] = (try? String(contentsOfFile: full, encoding: .utf8)) ?? "?"
        }
      }
    }
    walk("")
    return out
  }

  static func mode(_ path: String) throws -> Int {
    try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
  }

  static func siblings(_ s: Sandbox) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: s.dir)) ?? []).filter { $0.hasPrefix("site") }.sorted()
  }

  /// Runs `kb export --html site`, which must be refused with `stderr` (exit 65) and change nothing
  /// in the site or beside it.
  static func exportRefused(_ s: Sandbox, _ site: String, _ stderr: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let before = tree(site)
    let refused = s.run("kb", "export", "--html", site)
    #expect(refused.status == 65, "\(refused)", sourceLocation: sourceLocation)
    #expect(refused.stderr == stderr, sourceLocation: sourceLocation)
    #expect(tree(site) == before, sourceLocation: sourceLocation)
    #expect(siblings(s) == ["site"], sourceLocation: sourceLocation)
  }

  // MARK: - 3. The site stays in its folder

  @Test func aPlantedManifestRemovesNothingOutsideTheSite() throws {
    let (s, site) = Self.site()
    let outside = s.dir + "/outside"
    try FileManager.default.createDirectory(atPath: outside + "/sub", withIntermediateDirectories: true)
    try "precious".write(toFile: outside + "/sub/keep.txt", atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: site + "/lnk", withDestinationPath: outside)
    try "lnk/sub\n".write(toFile: site + "/.desk-site", atomically: true, encoding: .utf8)
    Self.exportRefused(
      s, site,
      "desk: error: \(site)/.desk-site is not a list of files desk wrote, so desk will not change \(site) (hint: export into a new or empty folder)\n"
    )
    #expect(Self.tree(outside) == ["sub": "/", "sub/keep.txt": "precious"])
    // A manifest in desk's own format that names a file behind the link: the link is kept as a
    // link, and nothing is removed through it.
    let digest = "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12e1b5b3a7c3d1a7b8b2a9f0b1"
    try "# desk-site 1\n\(digest)  lnk/sub/keep.txt\n".write(toFile: site + "/.desk-site", atomically: true, encoding: .utf8)
    #expect(s.ok("kb", "export", "--html", site).stdout == "site \(site): 2 articles in 1 language (en), 7 files\n")
    #expect(Self.tree(outside) == ["sub": "/", "sub/keep.txt": "precious"])
    #expect(Self.tree(site)["lnk"] == "-> \(outside)")
    #expect(Self.siblings(s) == ["site"])
  }

  @Test func aLinkedLanguageFolderIsRefusedAndNothingLandsOutside() throws {
    let (s, site) = Self.site()
    s.ok("kb", "export", "--html", site)
    let outside = s.dir + "/outside"
    try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
    try FileManager.default.removeItem(atPath: site + "/en")
    try FileManager.default.createSymbolicLink(atPath: site + "/en", withDestinationPath: outside)
    Self.exportRefused(
      s, site,
      "desk: error: \(site)/en is a symbolic link; desk does not follow links inside an export folder (hint: replace it with a real folder or file, or export elsewhere)\n"
    )
    #expect(Self.tree(outside) == [:])
  }

  @Test func aFolderDeskDidNotWriteIsRefused() throws {
    let (s, site) = Self.site()
    try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
    try "my own page".write(toFile: site + "/index.html", atomically: true, encoding: .utf8)
    Self.exportRefused(
      s, site,
      "desk: error: \(site) is not empty and holds no site desk wrote (it has no .desk-site) (hint: export into a new or empty folder)\n")
    #expect(Self.tree(site) == ["index.html": "my own page"])
    // An empty folder is fine, and the site in it is public: folders 0755, files 0644.
    try FileManager.default.removeItem(atPath: site + "/index.html")
    s.ok("kb", "export", "--html", site)
    #expect(try Self.mode(site) == 0o755)
    #expect(try Self.mode(site + "/en") == 0o755)
    #expect(try Self.mode(site + "/en/invoices.html") == 0o644)
    #expect(try Self.mode(site + "/index.html") == 0o644)
    #expect(Self.siblings(s) == ["site"])
  }

  @Test func aChangedPageIsNotReplacedAndAFileDeskDidNotWriteIsKept() throws {
    let (s, site) = Self.site()
    s.ok("kb", "export", "--html", site)
    try "mine".write(toFile: site + "/robots.txt", atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(atPath: site + "/img", withIntermediateDirectories: true)
    try "png".write(toFile: site + "/img/logo.png", atomically: true, encoding: .utf8)
    try "edited by hand".write(toFile: site + "/en/invoices.html", atomically: true, encoding: .utf8)
    Self.exportRefused(
      s, site,
      "desk: error: \(site)/en/invoices.html was not written by desk, or was changed since; this export would replace it (hint: move it away, or export into a new folder)\n"
    )
    // Unpublished, the page is no longer desk's to write: it stays, as do the others.
    s.ok("kb", "unpublish", "invoices")
    #expect(s.ok("kb", "export", "--html", site).stdout == "site \(site): 1 article in 1 language (en), 5 files, removed 1 old\n")
    let after = Self.tree(site)
    #expect(after["en/invoices.html"] == "edited by hand")
    #expect(after["robots.txt"] == "mine")
    #expect(after["img/logo.png"] == "png")
    #expect(after["en/categories/billing.html"] == nil)
    #expect(Self.siblings(s) == ["site"])
  }

  @Test func aKilledExportLeavesThePreviousSiteWhole() throws {
    let (s, site) = Self.site()
    s.ok("kb", "export", "--html", site)
    try "mine".write(toFile: site + "/robots.txt", atomically: true, encoding: .utf8)
    let before = Self.tree(site)
    #expect(before.count == 11)
    s.ok("kb", "unpublish", "invoices")
    // Killed with every new page written, before the new site takes the old one's place.
    let killed = s.run("kb", "export", "--html", site, env: ["DESK_FAILPOINT": "kb.site.swap=1"])
    #expect(killed.status == 9, "\(killed)")
    #expect(Self.tree(site) == before)
    // Killed just after: the new site is whole, the old one is beside it, never inside.
    let late = s.run("kb", "export", "--html", site, env: ["DESK_FAILPOINT": "kb.site.swapped=1"])
    #expect(late.status == 9, "\(late)")
    let now = Self.tree(site)
    #expect(
      now.keys.sorted() == [
        ".desk-site", "en", "en/categories", "en/categories/account.html", "en/index.html", "en/reset-password.html", "index.html",
        "robots.txt", "style.css",
      ])
    #expect(now["robots.txt"] == "mine")
    // The next export succeeds.
    #expect(s.ok("kb", "export", "--html", site).stdout == "site \(site): 1 article in 1 language (en), 5 files\n")
    #expect(Self.tree(site) == now)
  }

  @Test func aLanguageWhoseArticlesHaveNoCategoryExports() throws {
    let s = Sandbox.team()
    s.ok("kb", "add", "hello", "--title", "Hello", "-m", "Hi.", "--publish")
    let site = s.dir + "/site"
    #expect(s.ok("kb", "export", "--html", site).stdout == "site \(site): 1 article in 1 language (en), 5 files\n")
    #expect(FileManager.default.fileExists(atPath: site + "/en/categories/other.html"))
  }

  // MARK: - 9. Exports that hold internal articles are private

  @Test func markdownAndJSONExportsAreOnlyTheOwners() throws {
    let (s, _) = Self.site()
    s.ok("kb", "add", "refunds", "--title", "Refunds", "--audience", "internal", "-m", "Ask finance.", "--publish")
    let dir = s.dir + "/md"
    s.ok("kb", "export", "--format", "markdown", "--output", dir)
    #expect(try Self.mode(dir + "/en/refunds.md") == 0o600)
    #expect(try Self.mode(dir + "/en/invoices.md") == 0o600)
    #expect(try Self.mode(dir + "/en") == 0o700)
    // Again, over files an older desk left readable by all.
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir + "/en/refunds.md")
    s.ok("kb", "export", "--format", "markdown", "--output", dir)
    #expect(try Self.mode(dir + "/en/refunds.md") == 0o600)
    let json = s.dir + "/kb.json"
    try "old".write(toFile: json, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: json)
    #expect(s.ok("kb", "export", "--format", "json", "--output", json).stdout == "")
    #expect(try Self.mode(json) == 0o600)
    #expect(
      try String(contentsOfFile: json, encoding: .utf8).contains("\"slug\" : \"refunds\"")
        || String(contentsOfFile: json, encoding: .utf8).contains("\"slug\":\"refunds\""))
    // Neither follows a link.
    let outside = s.dir + "/outside.json"
    try FileManager.default.createSymbolicLink(atPath: s.dir + "/link.json", withDestinationPath: outside)
    let linked = s.run("kb", "export", "--format", "json", "--output", s.dir + "/link.json")
    #expect(linked.status == 65, "\(linked)")
    #expect(!FileManager.default.fileExists(atPath: outside))
    try FileManager.default.removeItem(atPath: dir + "/en")
    try FileManager.default.createDirectory(atPath: s.dir + "/elsewhere", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: dir + "/en", withDestinationPath: s.dir + "/elsewhere")
    let folder = s.run("kb", "export", "--format", "markdown", "--output", dir)
    #expect(folder.status == 65, "\(folder)")
    #expect(
      folder.stderr
        == "desk: error: \(dir)/en is a symbolic link; desk does not follow links inside an export folder (hint: replace it with a real folder or file, or export elsewhere)\n"
    )
    #expect(Self.tree(s.dir + "/elsewhere") == [:])
  }

  // MARK: - 4. Links that run scripts

  static let scriptLinks = [
    "javascript&colon;alert(1)", "java&Tab;script&colon;alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)",
    "JaVaScRiPt:alert(1)", "\u{1}javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD4=", "&#0000106avascript:x",
    "java&NewLine;script:x", "javascript&#58;x", "&unknownref;javascript:x",
  ]

  @Test func noPageLinksToAScriptAfterEntitiesAreDecoded() throws {
    let (s, site) = Self.site()
    let body =
      (["[ok](https://example.com/ok) [rel](guide.html#top) [mail](mailto:help@example.com)"]
      + Self.scriptLinks.map { "[x](\($0))" } + Self.scriptLinks.map { "![x](\($0))" }).joined(separator: "\n\n")
    s.ok("kb", "add", "links", "--title", "Links", "-m", body, "--publish")
    s.ok("kb", "export", "--html", site)
    let page = try String(contentsOfFile: site + "/en/links.html", encoding: .utf8)
    #expect(
      page.contains(
        "<p><a href=\"https://example.com/ok\">ok</a> <a href=\"guide.html#top\">rel</a> <a href=\"mailto:help@example.com\">mail</a></p>"))
    for (file, _) in Self.tree(site) where file.hasSuffix(".html") {
      let html = try String(contentsOfFile: site + "/" + file, encoding: .utf8)
      // Real tags only: an address refused is shown as text, `&lt;a href="…"`, which runs nothing.
      for attribute in ["<a href=\"", "<img src=\""] {
        for value in html.components(separatedBy: attribute).dropFirst().map({ String($0.prefix { $0 != "\"" }) }) {
          // Only plain addresses remain: no reference, space or control character can hide a scheme.
          let plain =
            value.hasPrefix("https://example.com/") || value.hasPrefix("mailto:help@")
            || value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-#".contains($0)) }
          #expect(plain, "\(file): \(attribute)\(value)")
        }
      }
    }
  }

  @Test func aTicketLinkToAScriptIsRefusedAndNothingIsStored() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Broken", "--customer", "1")
    let before = try s.snapshot()
    for link in Self.scriptLinks {
      let r = s.run("ticket", "link", "1", link)
      #expect(r.status == 65, "\(link): \(r)")
    }
    #expect(
      s.run("ticket", "link", "1", "JaVaScRiPt:alert(1)").stderr
        == "desk: error: 'JaVaScRiPt:alert(1)' is not a link desk keeps (hint: give an http, https or mailto address, a key such as DEV-123, or #N for a ticket)\n"
    )
    #expect(try s.snapshot() == before)
    s.ok("ticket", "link", "1", "DEV-981")
    s.ok("ticket", "link", "1", "mailto:dev@example.com")
    #expect(
      try s.scalar("SELECT group_concat(target, ' ') FROM (SELECT target FROM ticket_link ORDER BY target)")
        == "DEV-981 mailto:dev@example.com")
  }

  // MARK: - 5. Markdown that would take the site down

  @Test func articlesThatWouldStallOrCrashInkAreShownAsText() throws {
    let (s, site) = Self.site()
    let shapes = [
      "unclosed": "**x** " + String(repeating: "[", count: 30),
      "nested": "**x** " + String(repeating: "[", count: 10_000) + "a" + String(repeating: "](b)", count: 10_000),
      "soup": "**x** " + String(repeating: "<", count: 8000) + String(repeating: "&", count: 8000),
      "long": "**x** " + String(repeating: "[a", count: 8) + String(repeating: " text", count: 6000),
    ]
    for (slug, shape) in shapes.sorted(by: { $0.key < $1.key }) {
      s.ok("kb", "add", slug, "--title", slug, "-m", "Fine **text**.\n\n" + shape, "--publish")
    }
    #expect(s.ok("kb", "export", "--html", site).stdout == "site \(site): 6 articles in 1 language (en), 12 files\n")
    for (slug, shape) in shapes {
      let page = try String(contentsOfFile: site + "/en/\(slug).html", encoding: .utf8)
      let escaped = shape.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      #expect(page.contains("<h1>\(slug)</h1>\n<p>Fine <strong>text</strong>.</p><p>\(escaped)</p>\n</article>"), "\(slug)")
    }
  }

  // MARK: - 10. Agents edit drafts and internal articles; a live public one waits for a lead

  @Test func anAgentsEditOfALivePublicArticleWaitsForALead() throws {
    let (s, site) = Self.site()
    #expect(
      s.ok("kb", "edit", "invoices", "-m", "Weekly.", "--tag", "billing", "--as", "bob").stdout
        == "article invoices (en): draft saved; it goes live when a lead or admin runs desk kb publish invoices\n")
    // Customers still read the published text, on the site and in the database.
    #expect(
      try s.scalar("SELECT body || ' ' || state || ' ' || updated_by FROM kb_article WHERE slug = 'invoices'") == "Monthly. published root")
    #expect(try s.scalar("SELECT body || ' ' || tags || ' ' || author FROM kb_draft") == "Weekly. billing bob")
    s.ok("kb", "export", "--html", site)
    #expect(try String(contentsOfFile: site + "/en/invoices.html", encoding: .utf8).contains("<p>Monthly.</p>"))
    // The draft is shown, and a second edit builds on it.
    #expect(
      s.ok("kb", "edit", "invoices", "--title", "Invoices and receipts", "--as", "bob").stdout.hasPrefix(
        "article invoices (en): draft saved"))
    #expect(
      s.ok("kb", "show", "invoices", "--draft", "--fields", "title,tags,body,state").stdout
        == "title\ttags\tbody\tstate\nInvoices and receipts\tbilling\tWeekly.\tpublished\n")
    #expect(s.ok("kb", "show", "invoices").stdout.contains("\na draft by bob is waiting: desk kb show invoices --draft\n\nMonthly.\n"))
    #expect(
      s.ok("kb", "history", "invoices", "--fields", "revision,actor,change,title,body").stdout == """
        revision\tactor\tchange\ttitle\tbody
        1\troot\tcreated, published\tInvoices\tMonthly.
        2\tbob\tdraft, waiting to be published: body, tags\tInvoices\tWeekly.
        3\tbob\tdraft, waiting to be published: title, body, tags\tInvoices and receipts\tWeekly.

        """)
    // An agent cannot publish it; a lead does, and the draft goes live.
    let denied = s.run("kb", "publish", "invoices", "--as", "bob")
    #expect(denied.status == 77)
    #expect(denied.stderr == "desk: error: bob is an agent; only admins and leads may publish or unpublish public articles\n")
    #expect(s.ok("kb", "publish", "invoices", "--as", "adelia").stdout == "article invoices (en): published\n")
    #expect(
      try s.scalar("SELECT title || ' ' || body || ' ' || updated_by FROM kb_article WHERE slug = 'invoices'")
        == "Invoices and receipts Weekly. adelia")
    #expect(try s.scalar("SELECT count(*) FROM kb_draft") == "0")
    #expect(
      s.ok("kb", "history", "invoices", "--fields", "revision,actor,change").stdout.hasSuffix(
        "4\tadelia\tpublished the draft by bob: title, body, tags\n"))
    #expect(s.ok("kb", "publish", "invoices", "--as", "adelia").stdout == "article invoices (en): already published\n")
    let none = s.run("kb", "show", "invoices", "--draft")
    #expect(none.status == 66)
    #expect(
      none.stderr == "desk: error: the article 'invoices' (en) has no draft waiting (hint: desk kb history invoices shows its changes)\n")
    s.ok("kb", "export", "--html", site)
    #expect(
      try String(contentsOfFile: site + "/en/invoices.html", encoding: .utf8).contains("<h1>Invoices and receipts</h1>\n<p>Weekly.</p>"))
  }

  @Test func agentsStillEditDraftsAndInternalArticlesAndLeadsEditLiveOnes() throws {
    let (s, _) = Self.site()
    s.ok("kb", "add", "refunds", "--title", "Refunds", "--audience", "internal", "-m", "Ask finance.", "--publish")
    s.ok("kb", "add", "soon", "--title", "Soon", "-m", "Not yet.")
    #expect(s.ok("kb", "edit", "refunds", "-m", "Ask Adelia.", "--as", "bob").stdout == "article refunds (en): updated\n")
    #expect(s.ok("kb", "edit", "soon", "-m", "Almost.", "--as", "bob").stdout == "article soon (en): updated\n")
    #expect(s.ok("kb", "edit", "invoices", "-m", "Weekly.", "--as", "adelia").stdout == "article invoices (en): updated\n")
    #expect(
      try s.scalar("SELECT group_concat(slug || '=' || body, ' ') FROM (SELECT slug, body FROM kb_article ORDER BY slug)")
        == "invoices=Weekly. refunds=Ask Adelia. reset-password=Open **Settings**. soon=Almost.")
    #expect(try s.scalar("SELECT count(*) FROM kb_draft") == "0")
    // Showing a live internal article to customers is still publishing it: refused, nothing kept.
    let before = try s.snapshot()
    #expect(s.run("kb", "edit", "refunds", "--audience", "public", "--as", "bob").status == 77)
    #expect(s.run("kb", "edit", "invoices", "--audience", "internal", "-m", "x", "--as", "bob").status == 77)
    #expect(try s.snapshot() == before)
    // An import by an agent is an edit like any other.
    let dir = s.dir + "/md"
    try FileManager.default.createDirectory(atPath: dir + "/en", withIntermediateDirectories: true)
    try "# Invoices\n\nDaily.\n".write(toFile: dir + "/en/invoices.md", atomically: true, encoding: .utf8)
    #expect(s.ok("kb", "import", dir, "--as", "bob").stdout == "\(dir): 0 added, 1 updated, 0 unchanged\n")
    #expect(
      try s.scalar("SELECT a.body || ' / ' || d.body FROM kb_article a JOIN kb_draft d ON d.article_id = a.id")
        == "Weekly. / # Invoices\n\nDaily.")
  }
}
