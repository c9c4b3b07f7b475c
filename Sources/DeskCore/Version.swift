/// This build's version, printed by `desk version`.
public let deskVersion = "0.1.0"
