using System.Globalization;

namespace Rota.Pipelines.Expressions;

/// <summary>Splits a condition into tokens: numbers, 'single' or "double" quoted strings, words (paths and the
/// keywords true/false/null), operators and parentheses.</summary>
internal static class ExpressionLexer
{
    private static readonly string[] Operators = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!"];

    public static List<ExpressionToken> Tokenize(string text)
    {
        var tokens = new List<ExpressionToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var at = i + 1;
            if (c == '(') { tokens.Add(new(TokenKind.Open, "(", at)); i++; continue; }
            if (c == ')') { tokens.Add(new(TokenKind.Close, ")", at)); i++; continue; }
            if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0) throw new ExpressionException("unterminated string", at);
                var s = text[(i + 1)..end];
                tokens.Add(new(TokenKind.String, text[i..(end + 1)], at, s));
                i = end + 1;
                continue;
            }
            if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var start = i++;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.')) i++;
                var word = text[start..i];
                if (!double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
                    throw new ExpressionException($"'{word}' is not a number", at);
                tokens.Add(new(TokenKind.Number, word, at, n));
                continue;
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '-' or '.')) i++;
                tokens.Add(new(TokenKind.Word, text[start..i], at));
                continue;
            }
            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0);
            if (op is null)
            {
                var hint = c is '=' or '&' or '|' ? $"; write '{c}{c}'" : "";
                throw new ExpressionException($"unexpected character '{c}'{hint}", at);
            }
            tokens.Add(new(TokenKind.Operator, op, at));
            i += op.Length;
        }
        tokens.Add(new(TokenKind.End, "end of expression", text.Length + 1));
        return tokens;
    }
}
