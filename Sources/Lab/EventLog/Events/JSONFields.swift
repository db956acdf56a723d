import Foundation

/// A JSON object of an event-log line, read field by field: a missing or mistyped field
/// that sparksim needs is an `EventLogError` naming the file, the line and the field.
struct JSONFields {
    private let object: [String: Any]
    private let line: EventLogLine
    /// The path of this object inside the line's event (`Task Info.`), for messages.
    private let path: String

    init(_ object: [String: Any], line: EventLogLine, path: String = "") {
        self.object = object
        self.line = line
        self.path = path
    }

    private func missing(_ key: String, _ expected: String) -> EventLogError {
        let event = (object["Event"] as? String).map { " in \($0)" } ?? ""
        if object[key] == nil {
            return EventLogError(file: line.file, line: line.number, "missing field '\(path)\(key)'\(event)")
        }
        return EventLogError(file: line.file, line: line.number, "field '\(path)\(key)'\(event) is not \(expected)")
    }

    func string(_ key: String) throws(EventLogError) -> String {
        guard let value = object[key] as? String else { throw missing(key, "a string") }
        return value
    }

    func optionalString(_ key: String) -> String? { object[key] as? String }

    func int64(_ key: String) throws(EventLogError) -> Int64 {
        guard let value = optionalInt64(key) else { throw missing(key, "a whole number") }
        return value
    }

    func int(_ key: String) throws(EventLogError) -> Int {
        guard let value = optionalInt64(key), let small = Int(exactly: value) else { throw missing(key, "a whole number") }
        return small
    }

    /// A whole number; JSON numbers arrive as NSNumber (integers, or doubles that are whole).
    func optionalInt64(_ key: String) -> Int64? {
        guard let number = object[key] as? NSNumber else { return nil }
        let double = number.doubleValue
        guard double.isFinite, double.rounded() == double, abs(double) < 9.2e18 else { return nil }
        return number.int64Value
    }

    func optionalInt(_ key: String) -> Int? { optionalInt64(key).flatMap { Int(exactly: $0) } }

    func optionalBool(_ key: String) -> Bool? { object[key] as? Bool }

    func intList(_ key: String) throws(EventLogError) -> [Int] {
        guard let list = object[key] as? [Any] else { throw missing(key, "a list of whole numbers") }
        var values: [Int] = []
        for item in list {
            guard let number = item as? NSNumber, let value = Int(exactly: number.doubleValue) else {
                throw missing(key, "a list of whole numbers")
            }
            values.append(value)
        }
        return values
    }

    func object(_ key: String) throws(EventLogError) -> [String: Any] {
        guard let value = object[key] as? [String: Any] else { throw missing(key, "an object") }
        return value
    }

    func optionalObject(_ key: String) -> [String: Any]? { object[key] as? [String: Any] }

    func nested(_ key: String) throws(EventLogError) -> JSONFields {
        JSONFields(try object(key), line: line, path: "\(path)\(key).")
    }

    func optionalNested(_ key: String) -> JSONFields? {
        optionalObject(key).map { JSONFields($0, line: line, path: "\(path)\(key).") }
    }

    func nestedList(_ key: String) throws(EventLogError) -> [JSONFields] {
        guard let list = object[key] as? [Any] else { throw missing(key, "a list") }
        var items: [JSONFields] = []
        for (index, item) in list.enumerated() {
            guard let value = item as? [String: Any] else { throw missing(key, "a list of objects") }
            items.append(JSONFields(value, line: line, path: "\(path)\(key)[\(index)]."))
        }
        return items
    }
}
