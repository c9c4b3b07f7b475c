import DeskCore
import Foundation

/// The card of a ticket, for people (text) and for programs (JSON).
enum CardView {
  static func text(_ card: TicketCard, sla: [SLAStatusRow] = [], style: Style) -> String {
    let t = card.ticket
    let v = VisibleText.line
    var out = style.bold("#\(t.id)  \(v(t.subject))") + "\n"
    func row(_ label: String, _ value: String) {
      out += style.dim(label.padding(toLength: 13, withPad: " ", startingAt: 0)) + value + "\n"
    }
    row("status", StatusStyle.paint(t.status, style) + "   priority \(t.priority.rawValue)   type \(v(t.type))   channel \(v(t.channel))")
    if let c = card.customer {
      var parts = [v(c.name)]
      if let email = c.email { parts.append("<\(v(email))>") }
      if let phone = c.phone { parts.append(v(phone)) }
      parts += c.handles.map(v)
      if !c.accounts.isEmpty { parts.append("account " + c.accounts.map(v).joined(separator: ", ")) }
      if let org = c.organization { parts.append("(\(v(org)))") }
      row("customer", parts.joined(separator: " ") + style.dim("  [customer \(c.id)]"))
    } else {
      row("customer", "-")
    }
    row("assignee", t.assigneeLogin.map(v) ?? "-")
    row("participants", card.participants.map { "\(v($0.name)) (\(v($0.role)))" }.joined(separator: ", "))
    if !t.tags.isEmpty { row("tags", t.tags.map(v).joined(separator: ", ")) }
    for f in card.fields { row("field", "\(v(f.key)) = \(v(f.value))") }
    for l in card.links { row("link", l.kind == "external" ? v(l.target) : "\(v(l.kind)) \(v(l.target))") }
    var times = "created \(t.createdAt.localShort)   updated \(t.updatedAt.localShort)"
    if let r = t.firstReplyAt { times += "   first reply \(r.localShort)" }
    if let s = t.solvedAt { times += "   solved \(s.localShort)" }
    if let c = t.closedAt { times += "   closed \(c.localShort)" }
    row("times", times)
    for timer in sla {
      var text =
        "\(timer.timer.target.rawValue.replacingOccurrences(of: "_", with: " ")) \(timer.goal.compact) (\(timer.policy.map(v) ?? "-")): \(timer.state.rawValue)"
      if let due = timer.timer.dueAt { text += ", due \(due.localShort), \(Display.left(until: due))" }
      if let met = timer.timer.metAt { text += " at \(met.localShort)" }
      row("sla", timer.state == .breached ? style.red(text) : text)
    }
    let filesByMessage = Dictionary(grouping: card.attachments, by: { $0.messageID ?? 0 })
    for m in card.messages {
      var head = "── \(m.createdAt.localShort) · \(v(m.authorName)) (\(m.authorKind.rawValue), \(v(m.channel)))"
      if m.visibility == .internal { head += " · " + style.yellow("INTERNAL NOTE") }
      if m.automatic { head += " · automatic" }
      out += "\n" + style.dim(head) + "\n"
      if !m.body.isEmpty {
        let body = VisibleText.block(m.body)
        out += body + (body.hasSuffix("\n") ? "" : "\n")
      }
      if let quoted = m.quoted {
        let lines = quoted.split(separator: "\n").count
        out += style.dim("  ⋯ \(lines) quoted line\(lines == 1 ? "" : "s") hidden (--json shows them)") + "\n"
      }
      for a in filesByMessage[m.id] ?? [] { out += style.dim("  📎 \(v(a.name)) (\(bytes(a.size)), attachment \(a.id))") + "\n" }
    }
    if !card.attachments.isEmpty {
      out += "\n" + style.bold("attachments") + "\n"
      for a in card.attachments {
        out += "  \(a.id)  \(v(a.name))  \(v(a.contentType))  \(bytes(a.size))  sha256:\(a.sha256.prefix(12))\n"
      }
    }
    if !card.earlierTickets.isEmpty {
      out += "\n" + style.bold("earlier tickets of \(card.customer.map { v($0.name) } ?? "the customer")") + "\n"
      for e in card.earlierTickets {
        out +=
          "  #\(e.id)  \(e.status.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))  \(e.createdAt.localShort)  \(v(e.subject))\n"
      }
    }
    return out
  }

  static func bytes(_ n: Int64) -> String {
    if n < 1024 { return "\(n) B" }
    if n < 1024 * 1024 { return String(format: "%.1f KiB", Double(n) / 1024) }
    return String(format: "%.1f MiB", Double(n) / 1_048_576)
  }
}

/// A ticket's card with its SLA timers: what `ticket show` prints in JSON.
struct ShownCard {
  let card: TicketCard
  let sla: [SLAStatusRow]
}

/// The fields of `ticket list`, then the card's own: JSON keys are these names, and `--fields` picks among them.
let cardSchema = Schema<ShownCard>(
  fields: ticketSchema.fields(of: \ShownCard.card.ticket) + [
    Field("customer") { .json($0.card.customer.map(RecordJSON.customer) ?? .null) },
    Field("fields") { .json(.object($0.card.fields.map { ($0.key, .string($0.value)) })) },
    Field("links") { shown in
      .json(
        .array(
          shown.card.links.map {
            .object([
              ("kind", .string($0.kind)), ("target", .string($0.target)), ("created_at", .string($0.createdAt.iso8601)),
              ("created_by", .string($0.createdBy)),
            ])
          }))
    },
    Field("participants") { shown in
      .json(
        .array(
          shown.card.participants.map {
            .object([("kind", .string($0.kind.rawValue)), ("name", .string($0.name)), ("role", .string($0.role))])
          }))
    },
    Field("messages") { shown in
      let filesByMessage = Dictionary(grouping: shown.card.attachments, by: { $0.messageID ?? 0 })
      return .json(
        .array(
          shown.card.messages.map { m in
            .object([
              ("id", .int(m.id)), ("author_kind", .string(m.authorKind.rawValue)), ("author", .string(m.authorName)),
              ("agent_id", m.agentID.map(JSON.int) ?? .null), ("customer_id", m.customerID.map(JSON.int) ?? .null),
              ("visibility", .string(m.visibility.rawValue)), ("channel", .string(m.channel)), ("body", .string(m.body)),
              ("quoted", m.quoted.map(JSON.string) ?? .null), ("automatic", .bool(m.automatic)), ("created_at", .string(m.createdAt.iso8601)),
              ("attachments", .array((filesByMessage[m.id] ?? []).map { .int($0.id) })),
            ])
          }))
    },
    Field("attachments") { .json(.array($0.card.attachments.map(RecordJSON.attachment))) },
    Field("earlier_tickets") { .json(.array($0.card.earlierTickets.map(RecordJSON.ticket))) },
    Field("sla") { .json(.array($0.sla.map(slaStatusSchema.object))) },
  ],
  tableDefault: ticketSchema.tableDefault, flexible: ticketSchema.flexible, idField: ticketSchema.idField)

/// The JSON of records, through their schemas, so every command agrees on the keys.
enum RecordJSON {
  static func ticket(_ t: Ticket) -> JSON { ticketSchema.object(t) }
  static func customer(_ c: Customer) -> JSON { customerSchema.object(c) }
  static func attachment(_ a: Attachment) -> JSON { attachmentSchema.object(a) }
}

enum StatusStyle {
  static func paint(_ status: TicketStatus, _ style: Style) -> String {
    switch status {
    case .new: return style.magenta(status.rawValue)
    case .open: return style.red(status.rawValue)
    case .pending: return style.blue(status.rawValue)
    case .onHold: return style.cyan(status.rawValue)
    case .solved: return style.green(status.rawValue)
    case .closed: return style.dim(status.rawValue)
    }
  }
}
