import Foundation
import Testing

/// A small SMTP server on 127.0.0.1 (python3, no packages) for the smtp adapter's tests: it offers
/// STARTTLS (or not, or TLS from the start) with a certificate made for the test, answers RCPT and
/// DATA with the codes it is given, and records the commands and each message's DATA bytes.
final class SMTPTestServer {
  enum Mode: String { case starttls, plain, smtps }
  let dir: String
  let port: Int
  private let process: Process
  /// The certificate it presents (trust it with --ca-file).
  var certificate: String { dir + "/smtp-cert.pem" }

  init(dir: String, mode: Mode = .starttls, rcpt: String = "250 2.1.5 ok", data: String = "250 2.0.0 queued") throws {
    self.dir = dir
    let openssl = Process()
    openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    openssl.arguments = [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
      "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", dir + "/smtp-key.pem", "-out", dir + "/smtp-cert.pem",
    ]
    openssl.standardOutput = FileHandle.nullDevice
    openssl.standardError = FileHandle.nullDevice
    try openssl.run()
    openssl.waitUntilExit()
    try #require(openssl.terminationStatus == 0, "openssl could not make a certificate")
    try Data(Self.script.utf8).write(to: URL(fileURLWithPath: dir + "/smtp.py"))
    process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = [dir + "/smtp.py", mode.rawValue, dir + "/smtp-cert.pem", dir + "/smtp-key.pem", dir + "/smtp", rcpt, data]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = out.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line += chunk
    }
    port = try #require(Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
  }

  deinit { stop() }

  func stop() {
    // SIGKILL, not terminate(): a Process started from a test's worker thread inherits its blocked
    // signals, SIGTERM among them, so python would never see a SIGTERM.
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  /// The commands it was sent, one a line (AUTH decoded to `AUTH user password`).
  var commands: [String] {
    ((try? String(contentsOfFile: dir + "/smtp.log", encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
  }

  /// The DATA bytes of the last message, dot-stuffing undone, without the final `.` line.
  var data: Data? { FileManager.default.contents(atPath: dir + "/smtp.data") }

  private static let script = #"""
    import base64, socket, ssl, sys
    mode, cert, key, out, rcpt_reply, data_reply = sys.argv[1:7]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    print(server.getsockname()[1], flush=True)

    def log(text):
        with open(out + ".log", "a") as f:
            f.write(text + "\n")

    def serve(conn):
        tls = mode == "smtps"
        if tls:
            conn = context.wrap_socket(conn, server_side=True)
        lines = conn.makefile("rb")
        say = lambda text: conn.sendall((text + "\r\n").encode())
        say("220 test ESMTP")
        while True:
            raw = lines.readline()
            if not raw:
                return
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            verb = line.split(" ")[0].upper()
            if verb in ("EHLO", "HELO"):
                log(verb)
                extensions = ["test"] + (["STARTTLS"] if mode == "starttls" and not tls else []) + ["AUTH PLAIN"]
                for i, e in enumerate(extensions):
                    say(("250 " if i == len(extensions) - 1 else "250-") + e)
            elif verb == "STARTTLS":
                log(verb)
                say("220 2.0.0 go ahead")
                conn = context.wrap_socket(conn, server_side=True)
                lines = conn.makefile("rb")
                tls = True
            elif verb == "AUTH":
                parts = line.split(" ")
                if len(parts) > 2:
                    answer = parts[2]
                else:
                    say("334 ")
                    answer = lines.readline().decode().strip()
                fields = base64.b64decode(answer).split(b"\0")
                log("AUTH " + " ".join(f.decode() for f in fields[1:]) + (" over TLS" if tls else " in clear"))
                say("235 2.7.0 ok")
            elif verb == "MAIL" or verb == "RCPT":
                log(line)
                say("250 2.1.0 ok" if verb == "MAIL" else rcpt_reply)
            elif verb == "DATA":
                log(verb)
                say("354 go on")
                data = b""
                while True:
                    raw = lines.readline()
                    if raw in (b".\r\n", b""):
                        break
                    data += raw[1:] if raw.startswith(b".") else raw
                with open(out + ".data", "wb") as f:
                    f.write(data)
                say(data_reply)
            elif verb == "QUIT":
                log(verb)
                say("221 bye")
                return
            else:
                log(line)
                say("250 ok" if verb in ("RSET", "NOOP") else "502 5.5.1 no")

    while True:
        conn, _ = server.accept()
        try:
            serve(conn)
        except Exception as e:
            log("error " + type(e).__name__)
        finally:
            conn.close()
    """#
}
