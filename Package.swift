// swift-tools-version:6.1
import PackageDescription

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
    .target(
      name: "DeskCore",
      dependencies: [
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
      dependencies: ["desk", "DeskCLI", "DeskCore", .product(name: "GRDB", package: "GRDB.swift")]),
  ],
  swiftLanguageModes: [.v5]
)
