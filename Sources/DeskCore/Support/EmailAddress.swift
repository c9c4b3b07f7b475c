import Foundation

/// An email address (an RFC 5321 mailbox, RFC 6532 letters allowed): the one check every address
/// desk stores or sends to passes, so customer text can never add a recipient or a header.
/// The local part is a dot-atom or a quoted string; the domain is dot-separated labels or an
/// address literal (`[192.0.2.1]`, `[IPv6:2001:db8::1]`). Kept as given: desk compares addresses
/// without case.
public struct EmailAddress: Sendable, Equatable, CustomStringConvertible {
  public let text: String
  public var description: String { text }

  /// Checks `value` (trimmed). `what` names the field in the error, e.g. "the email";
  /// `localDomain` allows a domain without a dot (`desk@localhost`), which for a recipient would
  /// mean a mailbox on this host.
  public init(_ value: String, _ what: String = "the email", localDomain: Bool = false) throws {
    let text = value.trimmingCharacters(in: .whitespaces)
    if let problem = EmailAddress.problem(text, localDomain: localDomain) {
      throw DeskError.invalidInput(
        "\(what) '\(value)' is not an email address: \(problem)", hint: "write it as name@example.com")
    }
    self.text = text
  }

  /// The checked address, or nil for nothing or blanks (an optional field left empty).
  static func optional(_ value: String?, _ what: String = "the email") throws -> String? {
    guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
    return try EmailAddress(value, what).text
  }

  /// Why `text` is not an address, or nil.
  static func problem(_ text: String, localDomain: Bool) -> String? {
    if text.unicodeScalars.contains(where: TextRules.isControl) { return "it contains a control character" }
    guard let at = text.lastIndex(of: "@") else { return "it has no @" }
    let local = text[..<at]
    let domain = text[text.index(after: at)...]
    if text.utf8.count > 254 { return "it is longer than 254 bytes" }
    if local.isEmpty { return "nothing before the @" }
    if local.utf8.count > 64 { return "the part before the @ is longer than 64 bytes" }
    if domain.isEmpty { return "nothing after the @" }
    if let problem = local.hasPrefix("\"") ? quotedProblem(local) : dotAtomProblem(local) { return problem }
    if domain.hasPrefix("[") { return literalProblem(domain) }
    let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
    if labels.count < 2 && !localDomain { return "the domain '\(String(domain))' has no dot" }
    for label in labels {
      guard !label.isEmpty, label.utf8.count <= 63, label.first != "-", label.last != "-",
        label.unicodeScalars.allSatisfy({ $0 == "-" || isLetterOrDigit($0) })
      else { return "the domain '\(String(domain))' is not a host name" }
    }
    return nil
  }

  /// RFC 5322 atext, with RFC 6532 letters beyond ASCII.
  private static func isAtext(_ s: Unicode.Scalar) -> Bool {
    isLetterOrDigit(s) || "!#$%&'*+-/=?^_`{|}~".unicodeScalars.contains(s)
  }

  private static func isLetterOrDigit(_ s: Unicode.Scalar) -> Bool {
    s.isASCII ? (s.properties.isAlphabetic || ("0"..."9").contains(s)) : (s.properties.isAlphabetic || s.properties.numericType != nil)
  }

  private static func dotAtomProblem(_ local: Substring) -> String? {
    if let bad = local.unicodeScalars.first(where: { $0 != "." && !isAtext($0) }) {
      return "'\(String(bad))' is not allowed outside quotes"
    }
    if local.hasPrefix(".") || local.hasSuffix(".") || local.contains("..") { return "the part before the @ has a misplaced dot" }
    return nil
  }

  /// An RFC 5321 Quoted-string: printable ASCII and spaces, `"` and `\` escaped.
  private static func quotedProblem(_ local: Substring) -> String? {
    let scalars = Array(local.unicodeScalars.dropFirst())
    var i = 0
    while i < scalars.count {
      let s = scalars[i]
      if s == "\"" { return i == scalars.count - 1 ? nil : "the quoted part before the @ is followed by more text" }
      if s == "\\" { i += 1 }
      guard i < scalars.count else { break }
      guard (32...126).contains(scalars[i].value) else { return "'\(String(scalars[i]))' is not allowed in quotes" }
      i += 1
    }
    return "the quoted part before the @ is not closed"
  }

  /// `[192.0.2.1]` or `[IPv6:2001:db8::1]`.
  private static func literalProblem(_ domain: Substring) -> String? {
    guard domain.hasSuffix("]"), domain.count > 2 else { return "the address literal is not closed" }
    let inner = String(domain.dropFirst().dropLast())
    var v4 = in_addr()
    var v6 = in6_addr()
    if inet_pton(AF_INET, inner, &v4) == 1 { return nil }
    if inner.lowercased().hasPrefix("ipv6:"), inet_pton(AF_INET6, String(inner.dropFirst(5)), &v6) == 1 { return nil }
    return "'\(String(domain))' is not an IPv4 or IPv6 address literal"
  }
}

/// A sender or recipient: an address with an optional display name (`Desk Support <desk@example.com>`).
public struct Mailbox: Sendable, Equatable {
  public var name: String?
  public var address: EmailAddress

  public init(name: String?, address: EmailAddress) {
    self.name = name
    self.address = address
  }

  /// `addr`, `Name <addr>` or `"Name" <addr>`; the name holds no control characters.
  public init(parsing value: String, _ what: String, localDomain: Bool = false) throws {
    let text = value.trimmingCharacters(in: .whitespaces)
    guard text.hasSuffix(">"), let open = text.lastIndex(of: "<") else {
      self.init(name: nil, address: try EmailAddress(text, what, localDomain: localDomain))
      return
    }
    var name = text[..<open].trimmingCharacters(in: .whitespaces)
    if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") {
      name = String(name.dropFirst().dropLast()).replacingOccurrences(of: #"\\(.)"#, with: "$1", options: .regularExpression)
    }
    let address = try EmailAddress(
      String(text[text.index(after: open)..<text.index(before: text.endIndex)]), what, localDomain: localDomain)
    guard !name.unicodeScalars.contains(where: TextRules.isControl) else {
      throw DeskError.invalidInput("the name '\(name)' of \(what) contains control characters")
    }
    self.init(name: name.isEmpty ? nil : name, address: address)
  }

  /// The canonical text desk stores: the address, or `"Name" <address>`.
  public var description: String {
    guard let name else { return address.text }
    return MailHeader.quoted(name) + " <\(address.text)>"
  }
}
