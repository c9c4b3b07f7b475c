import Foundation
import Testing

@Suite("ticket ingest: how gateways feed desk")
struct IngestTests {
  @Test("a new customer's message opens a ticket; the next one on that channel is appended")
  func createsThenAppends() throws {
    let s = Sandbox.team()
    let first = s.ok(
      "ticket", "ingest", "--channel", "telegram", "--handle", "@maria", "--name", "Maria Souza",
      "-m", "Não consigo exportar o relatório")
    #expect(first.stdout == "1\tcreated\n")
    let second = try s.ok(
      "ticket", "ingest", "--channel", "telegram", "--handle", "@maria", "-m", "🖼", "--json",
      env: ["DESK_NOW": "2026-11-24T10:05:00Z"]
    ).object()
    #expect(second["ticket"] as? Int == 1)
    #expect(second["created"] as? Bool == false)
    #expect(second["customer_created"] as? Bool == false)
    let customer = try s.ok("customer", "show", "telegram:@maria", "--json").object()
    #expect(customer["name"] as? String == "Maria Souza")
    #expect(customer["handles"] as? [String] == ["telegram:@maria"])
    #expect(try s.scalar("SELECT subject FROM ticket WHERE id = 1") == "Não consigo exportar o relatório")
    // Another channel is another conversation.
    #expect(s.ok("ticket", "ingest", "--channel", "email", "--customer", "telegram:@maria", "-m", "by mail").stdout == "2\tcreated\n")
  }

  @Test("[#N] in the subject routes to that ticket, but only if it is the sender's")
  func subjectReference() throws {
    let s = Sandbox.team()
    s.ok("customer", "add", "Eve", "--email", "eve@example.com")
    s.ok("ticket", "new", "Invoice wrong", "--customer", "1", "--channel", "email")
    s.ok("ticket", "new", "Other", "--customer", "1", "--channel", "email")
    let routed = s.ok(
      "ticket", "ingest", "--channel", "email", "--email", "anna@example.com",
      "--subject", "Re: Invoice wrong [#1]", "-m", "see attached")
    #expect(routed.stdout == "1\tappended\n")
    let foreign = s.ok(
      "ticket", "ingest", "--channel", "email", "--email", "eve@example.com",
      "--subject", "Re: Invoice wrong [#1]", "-m", "I am not Anna")
    #expect(foreign.stdout == "3\tcreated\n")
  }

  @Test("a customer message reopens pending and solved tickets, and a closed one gets a follow-up")
  func reopenAndFollowUp() throws {
    let s = Sandbox.team()
    s.ok("ticket", "new", "Slow reports", "--customer", "1", "--channel", "telegram", "--assign", "bob", "--tag", "perf")
    s.ok("ticket", "reply", "1", "-m", "Which report?", "--status", "pending")
    s.ok("ticket", "ingest", "--channel", "telegram", "--handle", "@anna", "-m", "The weekly one")
    #expect(try s.scalar("SELECT status FROM ticket WHERE id = 1") == "open")
    s.ok("ticket", "solve", "1")
    s.ok("ticket", "ingest", "--channel", "telegram", "--handle", "@anna", "-m", "Still slow")
    #expect(try s.scalar("SELECT status FROM ticket WHERE id = 1") == "open")
    s.ok("ticket", "solve", "1")
    s.ok("ticket", "close", "1")
    // Without a reference to it, a closed ticket is left alone: this is a new conversation.
    #expect(s.ok("ticket", "ingest", "--channel", "telegram", "--handle", "@anna", "-m", "New topic").stdout == "2\tcreated\n")
    s.ok("ticket", "solve", "2")
    s.ok("ticket", "close", "2")
    let follow = try s.ok("ticket", "ingest", "--channel", "telegram", "--handle", "@anna", "--ticket", "1", "-m", "Slow again", "--json")
      .object()
    #expect(follow["ticket"] as? Int == 3)
    #expect(follow["created"] as? Bool == true)
    #expect(follow["follow_up_of"] as? Int == 1)
    let card = try #require(s.ok("ticket", "show", "3", "--json").array().first)
    #expect(card["follow_up_of"] as? Int == 1)
    #expect(card["assignee"] as? String == "bob")
    #expect(card["tags"] as? [String] == ["perf"])
    #expect(card["subject"] as? String == "Slow reports")
    #expect((card["links"] as? [[String: Any]])?.map { "\($0["kind"]!) \($0["target"]!)" } == ["follow-up-of #1"])
    #expect(try s.scalar("SELECT status FROM ticket WHERE id = 1") == "closed")
  }

  @Test("one JSON object on stdin, with mail headers and a base64 attachment")
  func jsonOnStdin() throws {
    let s = Sandbox.team()
    let payload = """
      {"channel": "email", "email": "carlos@example.com", "name": "Carlos", "subject": "Out of office",
       "body": "I am away", "headers": {"Auto-Submitted": "auto-replied"},
       "attachments": [{"name": "voice.ogg", "content_type": "audio/ogg", "data": "\(Data("OggS-voice".utf8).base64EncodedString())"}]}
      """
    let r = try s.ok("ticket", "ingest", "--stdin-json", "--json", stdin: payload).object()
    #expect(r["created"] as? Bool == true)
    #expect(r["customer_created"] as? Bool == true)
    let card = try #require(s.ok("ticket", "show", "1", "--json").array().first)
    let message = try #require((card["messages"] as? [[String: Any]])?.first)
    #expect(message["automatic"] as? Bool == true)
    #expect(message["author_kind"] as? String == "customer")
    let file = try #require((card["attachments"] as? [[String: Any]])?.first)
    #expect(file["name"] as? String == "voice.ogg")
    #expect(file["content_type"] as? String == "audio/ogg")
    #expect(file["size"] as? Int == 10)
    let got = s.ok("ticket", "attachment", "get", "\(file["id"]!)", "-o", "-")
    #expect(got.stdout == "OggS-voice")
  }

  @Test("bad ingest input is refused with a clear error and changes nothing")
  func badIngest() throws {
    let s = Sandbox.team()
    let before = try s.snapshot()
    let notJSON = s.run("ticket", "ingest", "--stdin-json", stdin: "{not json")
    #expect(notJSON.status == 65)
    #expect(notJSON.stderr == "desk: error: standard input is not one JSON object\n")
    let noChannel = s.run("ticket", "ingest", "--stdin-json", stdin: #"{"email": "x@example.com", "body": "hi"}"#)
    #expect(noChannel.status == 65)
    #expect(noChannel.stderr == "desk: error: the JSON message has no \"channel\"\n")
    let noCustomer = s.run("ticket", "ingest", "--channel", "email", "-m", "who am I")
    #expect(noCustomer.status == 64)
    let empty = s.run("ticket", "ingest", "--channel", "email", "--email", "x@example.com", "-m", "  ")
    #expect(empty.status == 65)
    #expect(empty.stderr == "desk: error: the message is empty (hint: give a body, or an attachment)\n")
    let badChannel = s.run("ticket", "ingest", "--channel", "pigeon", "--email", "x@example.com", "-m", "coo")
    #expect(badChannel.status == 64)
    #expect(try s.snapshot() == before)
  }
}
