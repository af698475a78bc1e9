using Stagecraft.Local.Kinds.Migrations;

namespace Stagecraft.Integration.Tests.Data.Migrations;

public sealed class PostgresScriptSplitterTests
{
    [Fact]
    public void Splits_at_top_level_semicolons_and_keeps_each_statements_first_line()
    {
        const string script = """
            -- header; not a statement
            CREATE TABLE a (id int);
            /* block; /* nested; */ still comment */
            INSERT INTO a VALUES (1); INSERT INTO a
              VALUES (2)
            """;

        var statements = PostgresScriptSplitter.Split(script);

        statements.Select(s => (s.Text, s.Line)).Should().Equal(
            ("CREATE TABLE a (id int)", 2),
            ("INSERT INTO a VALUES (1)", 4),
            ("INSERT INTO a\n  VALUES (2)", 4));
    }

    [Fact]
    public void Semicolons_inside_quotes_dollar_bodies_and_identifiers_do_not_split()
    {
        const string script = """
            INSERT INTO t VALUES ('a;b', 'it''s;', E'esc\';still', "odd;name");
            CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;
            DO $$ BEGIN PERFORM 1; END $$;
            SELECT $1;
            """;

        var statements = PostgresScriptSplitter.Split(script);

        statements.Should().HaveCount(4);
        statements[0].Text.Should().EndWith("\"odd;name\")");
        statements[1].Text.Should().EndWith("LANGUAGE plpgsql");
        statements[2].Text.Should().Be("DO $$ BEGIN PERFORM 1; END $$");
        statements[3].Line.Should().Be(4);
    }

    [Theory]
    [InlineData("COMMIT", true)]
    [InlineData("begin", true)]
    [InlineData("START TRANSACTION", true)]
    [InlineData("END", true)]
    [InlineData("ROLLBACK", true)]
    [InlineData("ROLLBACK TO SAVEPOINT s", false)]
    [InlineData("SAVEPOINT s", false)]
    [InlineData("CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; END", false)]
    public void Recognises_transaction_control(string statement, bool refused) =>
        TransactionControl.Is(statement).Should().Be(refused);
}
