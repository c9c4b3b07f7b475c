/// What an `rm` command did, so that `--json` prints a record rather than a sentence:
/// `{"removed":true,"kind":"rule","name":"vip","language":null,"cleared":[]}`.
struct Removal {
  let kind: String
  let name: String
  var language: String? = nil
  /// False when there was nothing to remove (`was not set`): repeating a removal succeeds.
  var removed = true
  /// What else was cleared with it (`--force`): `setting support.calendar`, `policy support`.
  var cleared: [String] = []
}

let removalSchema = Schema<Removal>(
  fields: [
    Field("removed") { .bool($0.removed) }, Field("kind") { .text($0.kind) }, Field("name") { .text($0.name) },
    Field("language") { Cell($0.language) }, Field("cleared") { .list($0.cleared) },
  ],
  tableDefault: ["removed", "kind", "name", "language", "cleared"], flexible: ["name"], idField: "name")
