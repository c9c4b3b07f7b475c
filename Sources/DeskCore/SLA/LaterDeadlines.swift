import GRDB

extension SLATimers {
  /// The fields whose change may move a deadline; of them only a type change (a handover) stays
  /// open to agents while `sla.agents-may-change` is false.
  static let retargetingFields = ["priority", "type", "tag", "channel", "customer"]

  /// No quiet extra time: every target change of a ticket change is recorded in its history, and
  /// one that moves a deadline later is reported to the leads ("vika changed priority of #12
  /// urgent→normal: resolution due … → …"). While `sla.agents-may-change` is false an agent may
  /// buy time only by a type change; anything else that would is refused, and nothing changes.
  func audit(_ ctx: Tickets.Context, _ changes: [SLATargetChange]) throws {
    try record(ctx.db, changes, actor: ctx.actor, now: ctx.now)
    let later = Dictionary(grouping: changes.filter(\.isLater), by: \.ticketID)
    for (id, moved) in later.sorted(by: { $0.key < $1.key }) where !ctx.touched.slaReported.contains(id) {
      let fields = (ctx.touched.fields[id] ?? []).filter { Self.retargetingFields.contains($0.field) }
      let deadlines = try moved.map { try describe(ctx.db, $0) }.joined(separator: "; ")
      if let actor = ctx.actorAgent, actor.role == .agent, fields.contains(where: { $0.field != "type" }),
        !(try desk.settings.bool(ctx.db, "sla.agents-may-change"))
      {
        throw DeskError.permissionDenied(
          "\(actor.login) may not move the SLA of ticket \(id) later: \(deadlines)",
          hint:
            "agents may not change SLAs on this desk; ask a lead, or a lead can allow it with desk config set sla.agents-may-change true")
      }
      let what = fields.enumerated().map { i, f -> String in
        let value = f.field == "tag" ? (f.new.map { "+\($0)" } ?? "-\(f.old ?? "")") : "\(f.old ?? "none")→\(f.new ?? "none")"
        return i == 0 ? "\(f.field) of #\(id) \(value)" : "\(f.field) \(value)"
      }.joined(separator: ", ")
      let text = "\(ctx.actor) changed \(what.isEmpty ? "#\(id)" : what): \(deadlines)"
      try desk.outbox.notifyLeads(
        ctx.db, event: "sla.changed", ticket: id, subject: "SLA of ticket #\(id) moved later by \(ctx.actor)", body: text,
        dedupeKey: "sla-later:\(id):\(ctx.db.lastInsertedRowID)", now: ctx.now)
    }
  }
}
