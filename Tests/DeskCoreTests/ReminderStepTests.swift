import Foundation
import Testing

@testable import DeskCore

@Suite("Reminder steps without a template")
struct ReminderStepTests {
  func without(_ template: String, _ spec: String) throws -> String {
    ReminderStep.spec(ReminderStep.removing(template, from: try ReminderStep.parse(spec)))
  }

  @Test("a step that sent the template goes, and its wait moves to the next, so later steps keep their times")
  func waitsCarryOver() throws {
    #expect(try without("a", "2d=a,3d=b,72h=close:c") == "5d=b,3d=close:c")
    #expect(try without("b", "2d=a,3d=b,72h=close:c") == "2d=a,6d=close:c")
    #expect(try without("a", "1d=a,1d=a,1d=b") == "3d=b")
  }

  @Test("a closing step still closes, without the message; the last step's wait goes with it")
  func closingStepStays() throws {
    #expect(try without("c", "2d=a,72h=close:c") == "2d=a,3d=close")
    #expect(try without("b", "2d=a,3d=b") == "2d=a")
    #expect(try without("a", "2d=a") == "")
    #expect(try ReminderStep.parse(without("a", "2d=a")) == [])
  }

  @Test("spec writes what parse reads")
  func roundTrip() throws {
    for spec in ["2d=pending-reminder-1,3d=pending-reminder-2,3d=close:pending-closed", "1h30m=a,1d=close", ""] {
      #expect(ReminderStep.spec(try ReminderStep.parse(spec)) == spec)
    }
  }
}
