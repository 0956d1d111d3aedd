// A page embedding Partoo asks this service for a connection token when Partoo's JS SDK needs a login, never before.
// README: token fetch
function partooConnectionToken(onToken, onFailure) {
  var request = new XMLHttpRequest();
  request.open('POST', '/partoo/connection-token');
  request.setRequestHeader(                                  // the POST is behind the app's CSRF protection
      document.querySelector('meta[name="_csrf_header"]').content,
      document.querySelector('meta[name="_csrf"]').content);
  request.onload = function () {
    if (request.status === 200) {
      var answer = JSON.parse(request.responseText);         // {"token": ..., "expiration_date": ...}
      onToken(answer.token, answer.expiration_date);         // with the SDK: partooPage.login(answer.token)
    } else {
      onFailure(request.status, request.getResponseHeader('Retry-After'));  // 401, 403, 404, 429, 503
    }
  };
  request.send();
}
// README: end token fetch

// The demo has no SDK: it says that it got a token, never what the token is.
document.addEventListener('DOMContentLoaded', function () {
  var status = document.getElementById('partoo-status');
  partooConnectionToken(function (token, expiration) {
    status.setAttribute('data-outcome', 'issued');
    status.textContent = 'Partoo login ready: a token valid until ' + expiration + '.';
  }, function (code, retryAfter) {
    status.setAttribute('data-outcome', 'failed');
    status.textContent = 'No Partoo login (HTTP ' + code + ')' + (retryAfter ? ', try again in ' + retryAfter + ' s.' : '.');
  });
});
