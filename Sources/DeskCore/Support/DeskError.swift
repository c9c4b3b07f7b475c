import Foundation

/// Every failure desk reports on purpose. One place maps each to its sysexits(3) code.
public enum DeskError: Error, Equatable {
  case usage(String, hint: String? = nil)
  case invalidInput(String, hint: String? = nil)
  case notAllowed(String, hint: String? = nil)
  case notFound(String, hint: String? = nil)
  case permissionDenied(String, hint: String? = nil)
  case cannotCreate(String, hint: String? = nil)
  case databaseDamaged(String, hint: String? = nil)
  case databaseBusy(String)
  /// A failure that may pass by itself (a full disk; a `desk cron` item tried again next run):
  /// a mail server retries on 75.
  case temporary(String, hint: String? = nil)
  case databaseReadOnly(String)
  case configuration(String, hint: String? = nil)
  case unavailable(String, hint: String? = nil)
  case interrupted
  case unexpected(String)

  public var exitCode: Int32 {
    switch self {
    case .usage: return 64
    case .invalidInput, .notAllowed: return 65
    case .notFound: return 66
    case .unavailable: return 69
    case .cannotCreate: return 73
    case .databaseDamaged: return 74
    case .databaseBusy, .temporary: return 75
    case .permissionDenied, .databaseReadOnly: return 77
    case .configuration: return 78
    case .interrupted: return 130
    case .unexpected: return 1
    }
  }

  /// A stable machine name for `{"code": …}` in JSON errors.
  public var code: String {
    switch self {
    case .usage: return "usage"
    case .invalidInput: return "invalid_input"
    case .notAllowed: return "not_allowed"
    case .notFound: return "not_found"
    case .permissionDenied: return "permission_denied"
    case .cannotCreate: return "cannot_create"
    case .databaseDamaged: return "database_damaged"
    case .databaseBusy: return "database_busy"
    case .temporary: return "temporary"
    case .databaseReadOnly: return "database_read_only"
    case .configuration: return "configuration"
    case .unavailable: return "unavailable"
    case .interrupted: return "interrupted"
    case .unexpected: return "unexpected"
    }
  }

  public var message: String {
    switch self {
    case .usage(let m, _), .invalidInput(let m, _), .notAllowed(let m, _), .notFound(let m, _),
      .permissionDenied(let m, _), .cannotCreate(let m, _), .databaseDamaged(let m, _), .temporary(let m, _),
      .configuration(let m, _), .unavailable(let m, _):
      return m
    case .databaseBusy(let m), .databaseReadOnly(let m), .unexpected(let m): return m
    case .interrupted: return "interrupted"
    }
  }

  public var hint: String? {
    switch self {
    case .usage(_, let h), .invalidInput(_, let h), .notAllowed(_, let h), .notFound(_, let h),
      .permissionDenied(_, let h), .cannotCreate(_, let h), .databaseDamaged(_, let h), .temporary(_, let h),
      .configuration(_, let h), .unavailable(_, let h):
      return h
    case .databaseBusy: return "another desk is writing; try again"
    case .databaseReadOnly: return "make the file writable, or run a command that only reads"
    case .interrupted, .unexpected: return nil
    }
  }
}

extension DeskError {
  /// The same failure with its message prefixed, e.g. by the file it was found in.
  public func prefixed(_ prefix: String) -> DeskError {
    switch self {
    case .usage(let m, let h): return .usage(prefix + m, hint: h)
    case .invalidInput(let m, let h): return .invalidInput(prefix + m, hint: h)
    case .notAllowed(let m, let h): return .notAllowed(prefix + m, hint: h)
    case .notFound(let m, let h): return .notFound(prefix + m, hint: h)
    case .permissionDenied(let m, let h): return .permissionDenied(prefix + m, hint: h)
    case .configuration(let m, let h): return .configuration(prefix + m, hint: h)
    case .unavailable(let m, let h): return .unavailable(prefix + m, hint: h)
    case .cannotCreate(let m, let h): return .cannotCreate(prefix + m, hint: h)
    case .temporary(let m, let h): return .temporary(prefix + m, hint: h)
    case .databaseDamaged, .databaseBusy, .databaseReadOnly, .interrupted, .unexpected: return self
    }
  }
}
