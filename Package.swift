// swift-tools-version:6.1
import Foundation
import PackageDescription

/// The compiler flags `pkg-config --cflags` gives for `package`: the include paths of GMime and GLib for
/// the one C target that includes their headers. Not `.systemLibrary(pkgConfig:)`, which would also link
/// the libraries, and every desk command would pay for loading them (GMime is opened with dlopen).
func pkgConfigCFlags(_ package: String) -> [String] {
  let process = Process()
  let output = Pipe()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["pkg-config", "--cflags", package]
  process.standardOutput = output
  guard (try? process.run()) != nil else { return [] }
  let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  return process.terminationStatus == 0 ? text.split(whereSeparator: \.isWhitespace).map(String.init) : []
}

let package = Package(
  name: "desk",
  products: [
    .executable(name: "desk", targets: ["desk"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
  ],
  targets: [
    .executableTarget(
      name: "desk",
      dependencies: ["DeskCLI"]),
    .target(
      name: "DeskCLI",
      dependencies: [
        "DeskCore",
        "CEditLine",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // The system libedit, for the REPL's line editing, history and completion.
    .systemLibrary(
      name: "CEditLine",
      path: "Sources/CEditLine",
      pkgConfig: "libedit",
      providers: [.apt(["libedit-dev"])]),
    // GMime 3 for mail (Debian: libgmime-3.0-dev), through dlopen on first use: see CGMime.h.
    .target(
      name: "CGMime",
      cSettings: [.unsafeFlags(pkgConfigCFlags("gmime-3.0"))]),
    .target(
      name: "DeskCore",
      dependencies: [
        "CGMime",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "Ink", package: "Ink"),
      ]),
    .testTarget(
      name: "DeskCoreTests",
      dependencies: ["DeskCore"]),
    .testTarget(
      name: "DeskCLITests",
      dependencies: ["desk", "DeskCLI", "DeskCore", .product(name: "GRDB", package: "GRDB.swift")],
      // Mail the tests feed to desk mail ingest, read from the source tree.
      exclude: ["MailCorpus"]),
  ],
  swiftLanguageModes: [.v5]
)
