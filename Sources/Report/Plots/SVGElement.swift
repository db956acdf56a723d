/// One element of an SVG document: a name, attributes in the order given, and either
/// text or child elements.
///
/// Why a builder instead of string interpolation: labels come from scenario files
/// (variant names, stage names, failure reasons), and one stray `<` or `&` in a label
/// would make the whole file unreadable. Every attribute value and every text node
/// passes through ``escaped(_:)`` here, once, so no chart can forget to. Attributes
/// keep the caller's order, so the bytes written depend only on the input.
public struct SVGElement: Sendable, Equatable {
    /// One `name="value"` pair; `value` is the raw text, escaped when rendered.
    public struct Attribute: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var name: String
    public var attributes: [Attribute]
    /// Character data, escaped when rendered; an element has text or children, not both.
    public var text: String?
    public var children: [SVGElement]

    /// `SVGElement("rect", ["x": "10", "fill": "#0072B2"])`: attributes keep this order.
    public init(
        _ name: String, _ attributes: KeyValuePairs<String, String> = [:], text: String? = nil,
        children: [SVGElement] = []
    ) {
        precondition(text == nil || children.isEmpty, "an SVG element holds text or children, not both")
        self.name = name
        self.attributes = attributes.map { Attribute($0.key, $0.value) }
        self.text = text
        self.children = children
    }

    /// This element with one more attribute at the end (for optional attributes).
    public func with(_ name: String, _ value: String) -> SVGElement {
        var copy = self
        copy.attributes.append(Attribute(name, value))
        return copy
    }

    /// This element with a `<title>` child, which viewers show as a tooltip: the place
    /// for a full label that the drawing had to shorten.
    public func titled(_ tooltip: String) -> SVGElement {
        var copy = self
        precondition(copy.text == nil, "a text element cannot take a tooltip child")
        copy.children.insert(SVGElement("title", text: tooltip), at: 0)
        return copy
    }

    /// The element as XML, indented by `depth` levels of two spaces, ending in `\n`.
    public func render(depth: Int = 0) -> String {
        var output = ""
        render(into: &output, depth: depth)
        return output
    }

    func render(into output: inout String, depth: Int) {
        let indent = String(repeating: "  ", count: depth)
        output += indent + "<" + name
        for attribute in attributes {
            output += " " + attribute.name + "=\"" + SVGElement.escaped(attribute.value) + "\""
        }
        if let text {
            output += ">" + SVGElement.escaped(text) + "</" + name + ">\n"
        } else if children.isEmpty {
            output += "/>\n"
        } else {
            output += ">\n"
            for child in children { child.render(into: &output, depth: depth + 1) }
            output += indent + "</" + name + ">\n"
        }
    }

    /// `text` made safe for XML character data and for attribute values in double or
    /// single quotes: `& < > " '` become entities, and characters XML 1.0 forbids (C0
    /// controls other than tab, newline, carriage return; U+FFFE, U+FFFF) become U+FFFD,
    /// because no entity can carry them and a parser would reject the file.
    public static func escaped(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&apos;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                output += "\u{FFFD}"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    /// A coordinate or length for an attribute: at most two decimals, trailing zeros
    /// dropped (`12.5`, `3`, `-0.25`), through the locale-free ``NumberFormat``.
    /// Non-finite values print `0`: charts drop non-finite data before drawing, so this
    /// only keeps a file well formed if one slips through.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var text = NumberFormat.fixed(value, decimals: 2)
        while text.hasSuffix("0") && text.contains(".") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

/// A whole SVG file: a fixed-size canvas with a `viewBox`, an accessible title, and
/// elements drawn in order.
///
/// Why `viewBox` plus `width`/`height`: the file opens at its intended size (720×420
/// by default) in a browser or an image viewer, and scales cleanly when a report
/// embeds it at another width. Everything is inline (no stylesheet, no script, no
/// font download), so the file renders the same when attached to a bug report.
public struct SVGDocument: Sendable, Equatable {
    public var width: Double
    public var height: Double
    /// The document's `<title>`, read by screen readers and shown by some viewers.
    public var title: String
    /// Shared definitions (patterns, markers) written in `<defs>` before the drawing.
    public var definitions: [SVGElement] = []
    public var elements: [SVGElement] = []

    public init(width: Double, height: Double, title: String) {
        self.width = width
        self.height = height
        self.title = title
    }

    public mutating func append(_ element: SVGElement) { elements.append(element) }

    public mutating func append(contentsOf newElements: [SVGElement]) { elements += newElements }

    /// The file's bytes as text: an XML declaration, then the `svg` element, `\n` line ends.
    public var text: String {
        let size = SVGElement.number(width) + " " + SVGElement.number(height)
        var root = SVGElement(
            "svg",
            ["xmlns": "http://www.w3.org/2000/svg", "width": SVGElement.number(width),
             "height": SVGElement.number(height), "viewBox": "0 0 " + size, "role": "img",
             "font-family": PlotStyle.fontFamily])
        root.children.append(SVGElement("title", text: title))
        if !definitions.isEmpty { root.children.append(SVGElement("defs", children: definitions)) }
        root.children.append(SVGElement("rect", ["width": "100%", "height": "100%", "fill": "#FFFFFF"]))
        root.children += elements
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.render()
    }
}
