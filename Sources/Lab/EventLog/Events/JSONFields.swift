/// A JSON object of an event-log line, read field by field: a missing or mistyped field
/// that sparksim needs is an `EventLogError` naming the file, the line and the field.
struct JSONFields {
    private let object: JSONValue
    private let line: EventLogLine
    /// The path of this object inside the line's event (`Task Info.`), for messages.
    private let path: String
    private let event: String?

    init(_ object: JSONValue, line: EventLogLine, path: String = "", event: String? = nil) {
        self.object = object
        self.line = line
        self.path = path
        if case .string(let name)? = object["Event"] { self.event = name } else { self.event = event }
    }

    private func missing(_ key: String, _ expected: String) -> EventLogError {
        let context = event.map { " in \($0)" } ?? ""
        if object[key] == nil || object[key] == .null {
            return EventLogError(file: line.file, line: line.number, "missing field '\(path)\(key)'\(context)")
        }
        return EventLogError(file: line.file, line: line.number, "field '\(path)\(key)'\(context) is not \(expected)")
    }

    func string(_ key: String) throws(EventLogError) -> String {
        guard let value = optionalString(key) else { throw missing(key, "a string") }
        return value
    }

    func optionalString(_ key: String) -> String? {
        if case .string(let value)? = object[key] { return value }
        return nil
    }

    func int64(_ key: String) throws(EventLogError) -> Int64 {
        guard let value = optionalInt64(key) else { throw missing(key, "a whole number") }
        return value
    }

    func int(_ key: String) throws(EventLogError) -> Int {
        guard let value = optionalInt64(key), let small = Int(exactly: value) else { throw missing(key, "a whole number") }
        return small
    }

    /// A whole number (an integer, or a number with no fraction within Int64).
    func optionalInt64(_ key: String) -> Int64? { Self.wholeNumber(object[key]) }

    static func wholeNumber(_ value: JSONValue?) -> Int64? {
        switch value {
        case .integer(let number)?: return number
        case .number(let number)? where number.rounded() == number && abs(number) < 9.2e18: return Int64(number)
        default: return nil
        }
    }

    /// A number, whole or not (resource amounts).
    static func anyNumber(_ value: JSONValue?) -> Double? {
        switch value {
        case .integer(let number)?: return Double(number)
        case .number(let number)?: return number
        default: return nil
        }
    }

    func optionalInt(_ key: String) -> Int? { optionalInt64(key).flatMap { Int(exactly: $0) } }

    func optionalBool(_ key: String) -> Bool? {
        if case .bool(let value)? = object[key] { return value }
        return nil
    }

    func intList(_ key: String) throws(EventLogError) -> [Int] {
        guard case .array(let items)? = object[key] else { throw missing(key, "a list of whole numbers") }
        var values: [Int] = []
        for item in items {
            guard let number = Self.wholeNumber(item), let value = Int(exactly: number) else {
                throw missing(key, "a list of whole numbers")
            }
            values.append(value)
        }
        return values
    }

    /// The string values of an object (`Spark Properties`), by key.
    func stringObject(_ key: String) throws(EventLogError) -> [(key: String, value: String)] {
        guard case .object(let pairs)? = object[key] else { throw missing(key, "an object") }
        return pairs.compactMap { pair in
            if case .string(let value) = pair.value { return (pair.key, value) }
            return nil
        }
    }

    func nested(_ key: String) throws(EventLogError) -> JSONFields {
        guard let fields = optionalNested(key) else { throw missing(key, "an object") }
        return fields
    }

    func optionalNested(_ key: String) -> JSONFields? {
        guard let value = object[key], case .object = value else { return nil }
        return JSONFields(value, line: line, path: "\(path)\(key).", event: event)
    }

    func nestedList(_ key: String) throws(EventLogError) -> [JSONFields] {
        guard case .array(let items)? = object[key] else { throw missing(key, "a list") }
        var fields: [JSONFields] = []
        for (index, item) in items.enumerated() {
            guard case .object = item else { throw missing(key, "a list of objects") }
            fields.append(JSONFields(item, line: line, path: "\(path)\(key)[\(index)].", event: event))
        }
        return fields
    }

    /// A value by key, for callers that read a small sub-object themselves.
    func value(_ key: String) -> JSONValue? { object[key] }
}
