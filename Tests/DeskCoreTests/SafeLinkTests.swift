import Testing

@testable import DeskCore

/// The one link-scheme check: entities decoded, white space and controls dropped, then the scheme.
@Suite struct SafeLinkTests {
  @Test(arguments: [
    "javascript&colon;alert(1)", "java&Tab;script&colon;alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)",
    "&#X6a;avascript:x", "&#106avascript:x", "JaVaScRiPt:alert(1)", "\u{1}javascript:alert(1)", " javascript:x", "java\nscript:x",
    "vbscript:msgbox(1)", "data:text/html,x", "javascript&#x3A;x", "javascript&#58x", "&unknown;javascript:x", "file:///etc/passwd",
    "jav&#x09;ascript:x", "&NewLine;javascript:x", "javascript\u{7F}:x",
  ])
  func aScriptOrOtherSchemeIsRefused(_ address: String) {
    #expect(!SafeLink.allows(address))
  }

  @Test(arguments: [
    "https://example.com/a?b=1&c=2", "http://example.com/", "HTTPS://EXAMPLE.COM", "mailto:help@example.com", "guide.html#top",
    "../en/index.html", "/kb/page", "?q=1", "#top", "a/b:c",
    "https&colon;//example.com", "caf&amp;e.html", "a&b=c", "&lt;x",
  ])
  func webMailAndRelativeAddressesAreAllowed(_ address: String) {
    #expect(SafeLink.allows(address))
  }

  @Test func referencesDecodeAsABrowserReadsThem() {
    #expect(SafeLink.decode("&#106;&#x61;&#X76;a&Tab;&colon;&amp&lt;x&gt;&quot;") == "java\t:&<x>\"")
    #expect(SafeLink.decode("&#0;&#xD800;&#x110000;") == "\u{FFFD}\u{FFFD}\u{FFFD}")
    #expect(SafeLink.decode("a&amp=b&# &x") == "a&amp=b&# &x")
    #expect(SafeLink.decode("&copy;") == nil)
  }
}
