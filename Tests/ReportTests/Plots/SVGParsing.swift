import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What Foundation's XML parser made of an SVG file: whether it is well formed, and the
/// elements and character data it saw, so tests can check that labels came through.
final class SVGParsing: NSObject, XMLParserDelegate {
    private(set) var elements: [(name: String, attributes: [String: String])] = []
    private(set) var texts: [String] = []
    private var currentText = ""
    private(set) var error: String?

    /// Parses `svg`; `error` is nil when the file is well-formed XML.
    static func parse(_ svg: String) -> SVGParsing {
        let result = SVGParsing()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = result
        if !parser.parse() {
            result.error = parser.parserError.map { "\($0)" } ?? "parse failed at line \(parser.lineNumber)"
        }
        return result
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append((elementName, attributeDict))
        currentText = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { currentText += string }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?) {
        if !currentText.isEmpty { texts.append(currentText) }
        currentText = ""
    }

    /// The elements named `name`, in document order.
    func named(_ name: String) -> [[String: String]] { elements.filter { $0.name == name }.map(\.attributes) }
}
