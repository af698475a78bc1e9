using Stagecraft.Core.Secrets;

namespace Stagecraft.Core.Tests.References;

public sealed class SecretMaskerTests
{
    [Fact]
    public void Registered_values_are_replaced_wherever_they_appear()
    {
        var masker = new SecretMasker();
        masker.Add("hunter2");

        masker.Apply("password=hunter2; again hunter2").Should().Be("password=****; again ****");
    }

    [Fact]
    public void Longer_secret_is_hidden_whole_when_it_contains_a_shorter_one()
    {
        var masker = new SecretMasker();
        masker.Add("abc");
        masker.Add("abcdef-123");

        masker.Apply("token abcdef-123 and abc").Should().Be("token **** and ****");
    }

    [Fact]
    public void Url_encoded_form_is_hidden_too()
    {
        var masker = new SecretMasker();
        masker.Add("p@ss word");

        masker.Apply("postgres://u:p%40ss%20word@db").Should().Be("postgres://u:****@db");
    }

    [Fact]
    public void Values_too_short_to_mask_safely_are_ignored()
    {
        var masker = new SecretMasker();
        masker.Add("ab");

        masker.IsEmpty.Should().BeTrue();
        masker.Apply("abab").Should().Be("abab");
    }
}
