import ArgumentParser

/// A value picked from an enum's raw values: `--format json`, `--status open`, `--sort due`.
/// ArgumentParser lists such values through the generic key path `\.rawValue.defaultValueDescription`,
/// twice for every option of the parsed command (its help and its completion kind are built at start),
/// and instantiating that key path looks its types up in the binary's conformance tables: about 0.7M
/// instructions an enum a run. A closure lists the same strings without it.
protocol ArgumentChoice: ExpressibleByArgument, CaseIterable, RawRepresentable where RawValue == String {}

extension ArgumentChoice {
  // Public because desk core's public enums conform in this module; the protocol keeps it internal.
  public static var allValueStrings: [String] { allCases.map { $0.rawValue } }
}
