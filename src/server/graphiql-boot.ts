/**
 * The GraphiQL page's bootstrap, served as /graphiql/assets/boot.js because the page's CSP
 * forbids inline scripts. The UMD bundles set window.React, window.ReactDOM, window.GraphiQL
 * (with GraphiQL.createFetcher) and window.GraphiQLPluginExplorer; the settings come from the
 * page's JSON config block.
 *
 * The demo sign-in picker keeps the chosen user's token in localStorage, so it survives a
 * reload. The fetcher reads it on every request (a token in the headers editor wins), and the
 * headers editor shows it, so what is sent is what is seen. All DOM text is set as text, never
 * as HTML.
 */
export const BOOT_JS = `(function () {
  "use strict";
  var TOKEN_KEY = "one-family-one-plan:graphiql:token";
  var USER_KEY = "one-family-one-plan:graphiql:user";
  var root = document.getElementById("graphiql");
  function fail(message) {
    root.textContent = "GraphiQL could not start: " + message;
  }
  if (typeof window.React === "undefined" || typeof window.ReactDOM === "undefined" || typeof window.GraphiQL === "undefined" || typeof window.GraphiQLPluginExplorer === "undefined") {
    fail("React, ReactDOM, GraphiQL or its Explorer did not load.");
    return;
  }
  var config;
  try {
    config = JSON.parse(document.getElementById("graphiql-config").textContent);
  } catch (error) {
    fail("the page configuration is not valid JSON.");
    return;
  }

  function storedToken() {
    return window.localStorage.getItem(TOKEN_KEY);
  }
  function storedUser() {
    try {
      return JSON.parse(window.localStorage.getItem(USER_KEY) || "null");
    } catch (error) {
      return null;
    }
  }

  function fetchWithToken(input, init) {
    var options = Object.assign({}, init);
    var headers = new Headers(options.headers || {});
    var token = storedToken();
    if (token && !headers.has("authorization")) headers.set("authorization", "Bearer " + token);
    options.headers = headers;
    return window.fetch(input, options);
  }

  var fetcher = GraphiQL.createFetcher({ url: config.url, fetch: fetchWithToken });
  var explorer = GraphiQLPluginExplorer.explorerPlugin();
  var reactRoot = ReactDOM.createRoot(root);

  function headersText() {
    var token = storedToken();
    return token ? JSON.stringify({ Authorization: "Bearer " + token }, null, 2) : "{}";
  }
  function render() {
    reactRoot.render(
      React.createElement(GraphiQL, {
        fetcher: fetcher,
        defaultQuery: config.defaultQuery,
        headers: headersText(),
        isHeadersEditorEnabled: true,
        shouldPersistHeaders: false,
        plugins: [explorer]
      })
    );
  }

  var picker = document.getElementById("demo-user");
  var signOut = document.getElementById("sign-out");
  var status = document.getElementById("signed-in");

  function describe(user) {
    return user.name + " (" + user.roles.join(", ") + (user.organisation ? ", " + user.organisation : "") + ", " + user.region + ")";
  }
  function showSignedIn() {
    var user = storedUser();
    var signedIn = Boolean(user && storedToken());
    status.textContent = signedIn ? "Signed in as " + describe(user) : "Not signed in";
    signOut.disabled = !signedIn;
    picker.value = signedIn ? user.email : "";
  }

  function fillPicker(users) {
    var groups = {};
    users.forEach(function (user) {
      var label = user.region + (user.kind === "client" ? ": family members" : ": professionals");
      if (!groups[label]) {
        groups[label] = document.createElement("optgroup");
        groups[label].label = label;
        picker.appendChild(groups[label]);
      }
      var option = document.createElement("option");
      option.value = user.email;
      option.textContent = describe(user);
      groups[label].appendChild(option);
    });
  }

  function signIn(email) {
    status.textContent = "Signing in…";
    window
      .fetch(config.signInUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: email }) })
      .then(function (response) {
        if (!response.ok) throw new Error("the server refused the demo user (" + response.status + ")");
        return response.json();
      })
      .then(function (answer) {
        window.localStorage.setItem(TOKEN_KEY, answer.token);
        window.localStorage.setItem(USER_KEY, JSON.stringify(answer.user));
        showSignedIn();
        render();
      })
      .catch(function (error) {
        status.textContent = "Sign-in failed: " + error.message;
      });
  }

  picker.addEventListener("change", function () {
    if (picker.value) signIn(picker.value);
  });
  signOut.addEventListener("click", function () {
    window.localStorage.removeItem(TOKEN_KEY);
    window.localStorage.removeItem(USER_KEY);
    showSignedIn();
    render();
  });

  render();
  window
    .fetch(config.demoUsersUrl)
    .then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    })
    .then(function (answer) {
      fillPicker(answer.users);
      showSignedIn();
      picker.disabled = false;
    })
    .catch(function () {
      status.textContent = "The demo users could not be loaded; paste a token into the Headers tab.";
    });
})();
`;
