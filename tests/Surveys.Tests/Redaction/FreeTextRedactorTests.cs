using ChampionNetwork.Surveys.Responses;

namespace ChampionNetwork.Surveys.Tests.Redaction;

public sealed class FreeTextRedactorTests
{
    [Theory]
    [InlineData("Email me at jo.bloggs@nhs.scot please", "Email me at [redacted] please")]
    [InlineData("Call 07700 900123 after six", "Call [redacted] after six")]
    [InlineData("Call +44 7700 900123 after six", "Call [redacted] after six")]
    [InlineData("The ward is on 0131 496 0000.", "The ward is on [redacted].")]
    [InlineData("Try (0141) 496 0999 instead", "Try [redacted] instead")]
    [InlineData("My CHI is 0101901234 if needed", "My CHI is [redacted] if needed")]
    [InlineData("CHI 150475 1234 was read out loud", "CHI [redacted] was read out loud")]
    [InlineData("NI number AB 12 34 56 C on the form", "NI number [redacted] on the form")]
    [InlineData("NI number AB123456C on the form", "NI number [redacted] on the form")]
    [InlineData("Dr Patel covered the shift", "Dr [redacted] covered the shift")]
    [InlineData("Mrs Jane Smith was kind", "Mrs [redacted] was kind")]
    [InlineData("Ask Ms. O'Neill", "Ask Ms. [redacted]")]
    [InlineData("Miss Grant listened", "Miss [redacted] listened")]
    [InlineData("Mr McLeod never replies", "Mr [redacted] never replies")]
    [InlineData("my manager Fiona ignores rotas", "my manager [redacted] ignores rotas")]
    [InlineData("My manager, Alasdair Ross, is supportive", "My manager, [redacted], is supportive")]
    [InlineData("my line manager is Morag", "my line manager is [redacted]")]
    public void Personal_data_is_replaced_with_the_redaction_marker(string text, string expected)
    {
        Assert.Equal(expected, FreeTextRedactor.Redact(text));
    }

    [Theory]
    [InlineData("Protected time for reflective practice would help everyone on the ward.")]
    [InlineData("We need 2 more staff per shift and breaks at 13:00.")]
    [InlineData("My manager is supportive but the workload is not manageable.")]
    public void A_sentence_with_no_personal_data_is_left_unchanged(string text)
    {
        Assert.Equal(text, FreeTextRedactor.Redact(text));
    }
}
