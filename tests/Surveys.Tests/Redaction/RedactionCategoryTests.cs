using ChampionNetwork.Surveys.Responses;

namespace ChampionNetwork.Surveys.Tests.Redaction;

/// <summary>
/// One fact per kind of personal data, so a regression names its category. Each case gives the whole expected
/// text: the personal data is gone and the rest of the comment is kept as written.
/// </summary>
public sealed class RedactionCategoryTests
{
    [Theory]
    [InlineData("Dr Patel covered the shift", "Dr [redacted] covered the shift")]
    [InlineData("dr patel never listens", "dr [redacted] never listens")]
    [InlineData("Mrs Jane Smith was kind", "Mrs [redacted] was kind")]
    [InlineData("Prof. Chalmers wants more research", "Prof. [redacted] wants more research")]
    [InlineData("Sister Brown runs the ward", "Sister [redacted] runs the ward")]
    [InlineData("Charge Nurse Ahmed gives us breaks", "Charge Nurse [redacted] gives us breaks")]
    [InlineData("our charge nurse Fiona is great", "our charge nurse [redacted] is great")]
    [InlineData("my team leader Gary Robertson shouts", "my team leader [redacted] shouts")]
    [InlineData("my manager is called John", "my manager is called [redacted]")]
    [InlineData("my manager is called john", "my manager is called [redacted]")]
    [InlineData("the ward manager Karen is fair", "the ward manager [redacted] is fair")]
    [InlineData("my supervisor Derek is rude", "my supervisor [redacted] is rude")]
    [InlineData("my colleague Kwabena helped", "my colleague [redacted] helped")]
    [InlineData("John said the hoist would come", "[redacted] said the hoist would come")]
    [InlineData("thanks to Morag for the lunch", "thanks to [redacted] for the lunch")]
    [InlineData("Then Oksana told the family", "Then [redacted] told the family")]
    [InlineData("J. Cruickshank works nights", "[redacted] works nights")]
    public void Names_with_and_without_titles_and_after_roles_are_redacted(string text, string expected) =>
        Assert.Equal(expected, FreeTextRedactor.Redact(text));

    [Theory]
    [InlineData("Parking at the Royal Infirmary of Edinburgh is dear", "Parking at the [redacted] is dear")]
    [InlineData("I moved to Ninewells Hospital last year", "I moved to [redacted] last year")]
    [InlineData("The Queen Elizabeth University Hospital canteen shuts early", "The [redacted] canteen shuts early")]
    [InlineData("Leith Health Centre is calm", "[redacted] is calm")]
    [InlineData("Hillview Care Home has no manager", "[redacted] has no manager")]
    [InlineData("I live at 14 Corstorphine Road", "I live at [redacted]")]
    [InlineData("The RIE is busy", "The [redacted] is busy")]
    public void Hospitals_named_sites_and_street_addresses_are_redacted(string text, string expected) =>
        Assert.Equal(expected, FreeTextRedactor.Redact(text));

    [Theory]
    [InlineData("I live in EH1 1YZ now", "I live in [redacted] now")]
    [InlineData("my postcode is g12 8qq", "my postcode is [redacted]")]
    [InlineData("Send it to SW1A 1AA", "Send it to [redacted]")]
    [InlineData("Home address G411AB please", "Home address [redacted] please")]
    [InlineData("Everyone lives in EH54", "Everyone lives in [redacted]")]
    public void Postcodes_in_any_UK_format_are_redacted(string text, string expected) =>
        Assert.Equal(expected, FreeTextRedactor.Redact(text));

    [Theory]
    [InlineData("Ward 7 is short", "Ward [redacted] is short")]
    [InlineData("I work on ward 3B", "I work on ward [redacted]")]
    [InlineData("Bute Ward is run well", "[redacted] is run well")]
    [InlineData("Bay 3 has a broken bell", "Bay [redacted] has a broken bell")]
    public void Wards_and_bays_are_redacted(string text, string expected) =>
        Assert.Equal(expected, FreeTextRedactor.Redact(text));

    [Theory]
    [InlineData("NHS number 943 476 5919 was left out", "NHS number [redacted] was left out")]
    [InlineData("CHI 150475 1234 on the board", "CHI [redacted] on the board")]
    [InlineData("CHI 1504751234 on the board", "CHI [redacted] on the board")]
    [InlineData("NI number QQ123456B is wrong", "NI number [redacted] is wrong")]
    [InlineData("my staff number is 1234567", "my staff number is [redacted]")]
    [InlineData("payroll no. P45678 is underpaid", "payroll no. [redacted] is underpaid")]
    [InlineData("SSSC registration number 2178945 lapsed", "SSSC registration number [redacted] lapsed")]
    [InlineData("call me on 07700 900123", "call me on [redacted]")]
    public void Identifying_numbers_are_redacted(string text, string expected) =>
        Assert.Equal(expected, FreeTextRedactor.Redact(text));

    [Theory]
    [InlineData("born 3/4/1985", "born [redacted]")]
    [InlineData("DOB 03.04.85", "DOB [redacted]")]
    [InlineData("date of birth 3rd April 1985", "date of birth [redacted]")]
    [InlineData("I was born in 1961", "I was born [redacted]")]
    [InlineData("aged 63 and tired", "aged [redacted] and tired")]
    public void Dates_of_birth_and_ages_are_redacted(string text, string expected) =>
        Assert.Equal(expected, FreeTextRedactor.Redact(text));

    [Theory]
    [InlineData("email jo.bloggs@nhs.scot", "email [redacted]")]
    [InlineData("contact jane@nhs today", "contact [redacted] today")]
    [InlineData("write to zoë.mcintyre@careinspectorate.gov.scot", "write to [redacted]")]
    [InlineData("write to олена.коваль@пример.укр now", "write to [redacted] now")]
    [InlineData("ask 王伟@例子.中国 for help", "ask [redacted] for help")]
    [InlineData("I tweet as @NurseKirstyG", "I tweet as [redacted]")]
    public void Email_addresses_in_any_script_are_redacted(string text, string expected) =>
        Assert.Equal(expected, FreeTextRedactor.Redact(text));

    [Theory]
    [InlineData("The new rota helps me rest")]
    [InlineData("Staff feel valued when managers say thank you")]
    [InlineData("More supervision would help")]
    [InlineData("Plan, Attract, Train, Employ, Nurture")]
    [InlineData("Monday handovers in the NHS and the HSCP overrun")]
    public void Wellbeing_comments_without_personal_data_are_kept_as_written(string text) =>
        Assert.Equal(text, FreeTextRedactor.Redact(text));
}
