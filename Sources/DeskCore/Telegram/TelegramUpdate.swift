import Foundation

/// One `Update` of the Bot API, with the fields desk reads (the API's names, snake_case in JSON).
struct TelegramUpdate: Decodable, Sendable {
  var updateId: Int64
  var message: Message?
  var editedMessage: Message?
  var callbackQuery: CallbackQuery?

  struct User: Decodable, Sendable {
    var id: Int64
    var isBot: Bool?
    var firstName: String
    var lastName: String?
    var username: String?

    var name: String { [firstName, lastName ?? ""].filter { !$0.isEmpty }.joined(separator: " ") }
  }

  struct Chat: Decodable, Sendable {
    var id: Int64
    var type: String
  }

  /// A photo size, document, voice message, audio, video or video note: what getFile takes.
  struct File: Decodable, Sendable {
    var fileId: String
    var fileSize: Int?
    var fileName: String?
    var mimeType: String?
  }

  struct Sticker: Decodable, Sendable {
    var emoji: String?
  }

  struct Message: Decodable, Sendable {
    var messageId: Int64
    var from: User?
    var chat: Chat
    var text: String?
    var caption: String?
    var photo: [File]?
    var document: File?
    var voice: File?
    var audio: File?
    var video: File?
    var videoNote: File?
    var sticker: Sticker?

    /// What the customer wrote: the text, a file's caption, a sticker's emoji.
    var words: String {
      if let text { return text }
      if let caption { return caption }
      if let sticker { return sticker.emoji.map { "[sticker \($0)]" } ?? "[sticker]" }
      return ""
    }

    /// The files the message carries, each with the name it is kept under. Of a photo's sizes, the largest.
    var files: [(file: File, name: String, type: String)] {
      var out: [(File, String, String)] = []
      if let photo = photo?.max(by: { ($0.fileSize ?? 0) < ($1.fileSize ?? 0) }) {
        out.append((photo, "photo-\(messageId).jpg", "image/jpeg"))
      }
      if let d = document { out.append((d, d.fileName ?? "document-\(messageId)", d.mimeType ?? "application/octet-stream")) }
      if let v = voice { out.append((v, "voice-\(messageId).ogg", v.mimeType ?? "audio/ogg")) }
      if let a = audio { out.append((a, a.fileName ?? "audio-\(messageId).mp3", a.mimeType ?? "audio/mpeg")) }
      if let v = video { out.append((v, v.fileName ?? "video-\(messageId).mp4", v.mimeType ?? "video/mp4")) }
      if let v = videoNote { out.append((v, "video-note-\(messageId).mp4", "video/mp4")) }
      return out
    }
  }

  struct CallbackQuery: Decodable, Sendable {
    var id: String
    var from: User
    var message: Message?
    var data: String?
  }

  static func decode(_ data: Data) throws -> TelegramUpdate {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    do {
      return try decoder.decode(TelegramUpdate.self, from: data)
    } catch {
      throw DeskError.invalidInput("not a Telegram update: \(TelegramUpdate.why(error))")
    }
  }

  static func decodeMessage(_ data: Data) throws -> Message {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(Message.self, from: data)
  }

  /// A decoding error in one line: the field and what was wrong.
  private static func why(_ error: any Error) -> String {
    // The API's names, as the JSON has them: updateId → update_id.
    func snake(_ key: any CodingKey) -> String {
      key.stringValue.unicodeScalars.map { CharacterSet.uppercaseLetters.contains($0) ? "_" + String($0).lowercased() : String($0) }
        .joined()
    }
    switch error {
    case DecodingError.keyNotFound(let key, let c): return "\((c.codingPath + [key]).map(snake).joined(separator: ".")) is missing"
    case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
      return "\(c.codingPath.map(snake).joined(separator: ".")) has the wrong type"
    case DecodingError.dataCorrupted: return "the JSON is malformed"
    default: return "\(error)"
    }
  }
}
