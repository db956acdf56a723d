import Testing

/// The lexer that hides comments and string contents from the rules.
@Suite("CodeText")
struct CodeTextTests {
    @Test func commentsAndStringContentsBecomeSpacesAndLinesStay() {
        let code = CodeText("let a = 1 // Date()\n/* x\n y */ let b = \"Date()\"\n")
        #expect(code.lines.count == 4)
        #expect(code.lines[0].trimmingSuffixSpaces == "let a = 1")
        #expect(code.lines[1].allSatisfy { $0 == " " })
        #expect(code.lines[2] == "      let b = \"      \"")  // " y */" is blanked too
    }

    @Test func interpolationStaysCodeAndNestedStringsClose() {
        let code = CodeText(#"let s = "x \(f("Date()")) y \(Date())" + z"#)
        #expect(code.text.contains("f(\"      \")"))
        #expect(code.text.contains("Date()"))
        #expect(code.text.hasSuffix("\" + z"))
    }

    @Test func rawAndMultilineStringsAreBlanked() {
        let source = "let r = #\"a \"Thread\" \\(x)\"#; let t = 1\nlet m = \"\"\"\n  Thread \" ok\n  \"\"\"\nlet u = 2"
        let code = CodeText(source)
        #expect(!code.text.contains("Thread"))
        #expect(code.text.contains("let t = 1"))
        #expect(code.lines[4] == "let u = 2")
    }

    @Test func escapedQuotesDoNotEndAString() {
        let code = CodeText(#"let s = "a \" Date() \\"; let d = Date()"#)
        #expect(code.text.components(separatedBy: "Date()").count == 2)
        #expect(code.text.hasSuffix("let d = Date()"))
    }
}

extension Substring {
    var trimmingSuffixSpaces: Substring {
        var copy = self
        while copy.last == " " { copy = copy.dropLast() }
        return copy
    }
}
