using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Stagecraft.Local.Agent.Acme;

namespace Stagecraft.Integration.Tests.Acme;

/// <summary>The ACME wire details against a scripted server: nonces, the badNonce retry, JWS, problem documents.</summary>
public sealed class AcmeTransportTests
{
    private static readonly Uri Directory = new("https://acme.stagecraft.test/dir");
    private const string BadNonce = """{"type":"urn:ietf:params:acme:error:badNonce","detail":"JWS has an invalid anti-replay nonce","status":400}""";

    [Fact]
    public async Task A_badNonce_refusal_is_retried_once_with_the_nonce_it_carried()
    {
        var server = new ScriptedAcmeServer();
        server.AccountReplies.Enqueue((HttpStatusCode.BadRequest, BadNonce, "nonce-from-refusal"));
        server.AccountReplies.Enqueue((HttpStatusCode.Created, """{"status":"valid"}""", "next"));
        using var key = AcmeAccountKey.Generate();
        using var client = new AcmeClient(new AcmeSettings(Directory, "ops@stagecraft.test", null), key, new Http01ChallengeStore(), AcmeClientOptions.Default, TimeProvider.System, server);

        var account = await client.AccountAsync(CancellationToken.None);

        account.Should().Be("https://acme.stagecraft.test/acct/1");
        client.BadNonceRetries.Should().Be(1);
        server.Posts.Select(p => p.Header["nonce"]!.GetValue<string>()).Should().Equal("nonce-from-head", "nonce-from-refusal");
        var payload = JsonNode.Parse(server.Posts[0].Payload)!;
        payload["termsOfServiceAgreed"]!.GetValue<bool>().Should().BeTrue();
        payload["contact"]![0]!.GetValue<string>().Should().Be("mailto:ops@stagecraft.test");
        server.Posts.Should().OnlyContain(p => p.SignatureValid && p.Header["jwk"] != null && p.Header["alg"]!.GetValue<string>() == "ES256");
    }

    [Fact]
    public async Task A_second_badNonce_in_a_row_fails_with_the_problem_document()
    {
        var server = new ScriptedAcmeServer();
        server.AccountReplies.Enqueue((HttpStatusCode.BadRequest, BadNonce, "n2"));
        server.AccountReplies.Enqueue((HttpStatusCode.BadRequest, BadNonce, "n3"));
        using var key = AcmeAccountKey.Generate();
        using var client = new AcmeClient(new AcmeSettings(Directory, null, null), key, new Http01ChallengeStore(), AcmeClientOptions.Default, TimeProvider.System, server);

        var failed = await client.Invoking(c => c.AccountAsync(CancellationToken.None)).Should().ThrowAsync<AcmeException>();

        failed.Which.ProblemType.Should().Be(AcmeProblem.BadNonce);
        failed.Which.ProblemDetail.Should().Be("JWS has an invalid anti-replay nonce");
        failed.Which.Message.Should().Contain("creating the ACME account").And.Contain("400");
        server.Posts.Should().HaveCount(2);
    }

    [Fact]
    public void A_problem_document_keeps_its_subproblems()
    {
        var problem = AcmeProblem.Parse("""
            {"type":"urn:ietf:params:acme:error:malformed","detail":"Some of the identifiers requested were rejected","status":400,
             "subproblems":[{"type":"urn:ietf:params:acme:error:rejectedIdentifier","detail":"this CA does not issue for it",
                             "identifier":{"type":"dns","value":"bad.example"}}]}
            """)!;

        var exception = problem.ToException("the order for bad.example, ok.example");

        exception.ProblemType.Should().Be("urn:ietf:params:acme:error:malformed");
        exception.Subproblems.Should().Equal(new AcmeSubproblem("bad.example", "urn:ietf:params:acme:error:rejectedIdentifier", "this CA does not issue for it"));
        exception.Message.Should().Be("the order for bad.example, ok.example: urn:ietf:params:acme:error:malformed: Some of the identifiers requested were rejected;"
            + " bad.example: urn:ietf:params:acme:error:rejectedIdentifier this CA does not issue for it");
    }

    /// <summary>Answers the directory, newNonce and newAccount; checks every JWS signature against the key in its header.</summary>
    private sealed class ScriptedAcmeServer : HttpMessageHandler
    {
        public Queue<(HttpStatusCode Status, string Body, string Nonce)> AccountReplies { get; } = new();

        public List<(JsonObject Header, string Payload, bool SignatureValid)> Posts { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Get && path == "/dir")
            {
                return Reply(HttpStatusCode.OK, """{"newNonce":"https://acme.stagecraft.test/nonce","newAccount":"https://acme.stagecraft.test/account","newOrder":"https://acme.stagecraft.test/order"}""", null);
            }

            if (request.Method == HttpMethod.Head && path == "/nonce")
            {
                return Reply(HttpStatusCode.OK, "", "nonce-from-head");
            }

            request.Content!.Headers.ContentType!.MediaType.Should().Be("application/jose+json");
            Posts.Add(Verify(JsonNode.Parse(await request.Content.ReadAsStringAsync(cancellationToken))!.AsObject()));
            var (status, body, nonce) = AccountReplies.Dequeue();
            var response = Reply(status, body, nonce);
            response.Headers.Location = new Uri("https://acme.stagecraft.test/acct/1");
            return response;
        }

        private static (JsonObject, string, bool) Verify(JsonObject jws)
        {
            var protectedPart = jws["protected"]!.GetValue<string>();
            var payloadPart = jws["payload"]!.GetValue<string>();
            var header = JsonNode.Parse(Base64Url.DecodeFromChars(protectedPart))!.AsObject();
            var jwk = header["jwk"]!;
            using var key = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = Base64Url.DecodeFromChars(jwk["x"]!.GetValue<string>()), Y = Base64Url.DecodeFromChars(jwk["y"]!.GetValue<string>()) },
            });
            var valid = key.VerifyData(Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart), Base64Url.DecodeFromChars(jws["signature"]!.GetValue<string>()),
                HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
            return (header, Encoding.UTF8.GetString(Base64Url.DecodeFromChars(payloadPart)), valid);
        }

        private static HttpResponseMessage Reply(HttpStatusCode status, string body, string? nonce)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
            if (nonce is not null)
            {
                response.Headers.Add("Replay-Nonce", nonce);
            }

            if ((int)status >= 400)
            {
                response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/problem+json");
            }

            return response;
        }
    }

}
