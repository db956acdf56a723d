import Foundation
import Testing
@testable import Lab

/// The event-log JSON parser against RFC 8259 and against Foundation's JSONSerialization.
@Suite struct JSONValueTests {
    @Test func valuesOfEveryKind() {
        let value = JSONValue.parse(#" {"a": [1, -2.5e3, true, false, null, "x"], "b": {}, "c": [], "d": 0} "#)
        #expect(value == .object([
            ("a", .array([.integer(1), .number(-2500), .bool(true), .bool(false), .null, .string("x")])),
            ("b", .object([])), ("c", .array([])), ("d", .integer(0)),
        ]))
    }

    @Test func escapesAndUnicode() {
        #expect(JSONValue.parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(JSONValue.parse(#""\u00e9\u4e2d\ud83d\ude00""#) == .string("é中😀"))
        #expect(JSONValue.parse("\"é中😀\"") == .string("é中😀"))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\":}", "{\"a\" 1}", "01", "1.", "-", "1e", "tru", "\"\\x\"",
                      "\"\\ud83d\"", "\"a", "{} {}", "\"\u{1}\"", "[1 2]", "{\"a\":1,}"])
    func invalidTextIsRefused(_ text: String) {
        #expect(JSONValue.parse(text) == nil, "\(text)")
    }

    @Test func skippedKeysAreReadButNotBuilt() {
        let value = JSONValue.parse(#"{"Accumulables": [{"x": [1, {"y": "z"}]}], "k": 1}"#, skipping: ["Accumulables"])
        #expect(value == .object([("Accumulables", .skipped), ("k", .integer(1))]))
        // A skipped subtree must still be valid JSON.
        #expect(JSONValue.parse(#"{"Accumulables": [1,,2], "k": 1}"#, skipping: ["Accumulables"]) == nil)
    }

    @Test func deepNestingIsRefusedNotACrash() {
        #expect(JSONValue.parse(String(repeating: "[", count: 100_000)) == nil)
        #expect(JSONValue.parse(String(repeating: "[", count: 400) + String(repeating: "]", count: 400)) != nil)
    }

    /// Random documents (seeded): the parse equals JSONSerialization's, value by value.
    @Test func agreesWithJSONSerializationOnRandomDocuments() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        func document(_ depth: Int) -> String {
            switch depth > 3 ? next(4) + 2 : next(6) {
            case 0: return "{" + (0..<next(4)).map { "\"k\($0)\\u00e9\": \(document(depth + 1))" }.joined(separator: ",") + "}"
            case 1: return "[" + (0..<next(4)).map { _ in document(depth + 1) }.joined(separator: ", ") + "]"
            case 2: return "\(next(2_000_000) - 1_000_000)"
            case 3: return "\(next(1000)).\(next(1000))e\(next(5) - 2)"
            case 4: return ["true", "false", "null"][next(3)]
            default: return "\"s\(next(100))\\n\\\"\(["", "é", "\\u4e2d"][next(3)])\""
            }
        }
        func same(_ ours: JSONValue, _ theirs: Any) -> Bool {
            switch ours {
            case .object(let pairs):
                guard let object = theirs as? [String: Any], object.count == pairs.count else { return false }
                return pairs.allSatisfy { pair in object[pair.key].map { same(pair.value, $0) } ?? false }
            case .array(let items):
                guard let array = theirs as? [Any], array.count == items.count else { return false }
                return zip(items, array).allSatisfy { same($0, $1) }
            case .string(let text): return (theirs as? String) == text
            case .integer(let number): return (theirs as? NSNumber)?.int64Value == number
            case .number(let number): return abs(((theirs as? NSNumber)?.doubleValue ?? .nan) - number) <= abs(number) * 1e-12
            case .bool(let flag): return (theirs as? Bool) == flag
            case .null: return theirs is NSNull
            case .skipped: return false
            }
        }
        for _ in 0..<300 {
            let text = document(0)
            let ours = try #require(JSONValue.parse(text), "\(text)")
            let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
            #expect(same(ours, theirs), "\(text)")
        }
    }
}
