// What the author of each file in test/fixtures/http/corpus meant, request by request, written
// by reading the files (see SOURCES.md there). A body is summarised as `kind: first line … last
// line` so a stray comment or variable line at either edge shows; `n` is the request's name
// (`# @name`, else the text after `###`).

export interface ExpectedRequest {
  readonly m: string;
  readonly u: string;
  /** Header names in order, comma-separated. */
  readonly h?: string;
  readonly b?: string;
  readonly n?: string;
  /**
   * We knowingly do not send this request as its author meant: the diagnostic code we report
   * for it instead. Such a request counts as not read as meant.
   */
  readonly gap?: string;
}

export interface ExpectedFile {
  readonly variables?: readonly string[];
  /** Diagnostic codes, sorted. */
  readonly codes?: readonly string[];
  readonly requests: readonly ExpectedRequest[];
}

const json = 'json: { … }';
const script = 'unsupported-script';

export const corpusExpectations: Readonly<Record<string, ExpectedFile>> = {
  'aspnet-web.http': {
    variables: [
      'Api_HostAddress',
      'SessionCookieName',
      'SessionCookieValue',
      'Email',
      'Password',
      'AntiForgeryToken',
      'Page',
      'PerPage',
    ],
    requests: [
      { m: 'GET', u: '{{Api_HostAddress}}/Identity/Account/Login' },
      {
        m: 'POST',
        u: '{{Api_HostAddress}}/Identity/Account/Login',
        h: 'Content-Type',
        b: 'form: Input.Email={{Email}}&Input.Password={{Password}}&__RequestVerificationToken={{AntiForgeryToken}}',
      },
      { m: 'GET', u: '{{Api_HostAddress}}/api/Shelves', h: 'Cookie' },
      { m: 'GET', u: '{{Api_HostAddress}}/api/Shelves/3', h: 'Cookie' },
      { m: 'POST', u: '{{Api_HostAddress}}/api/Shelves', h: 'Cookie,Content-Type', b: json },
      { m: 'PUT', u: '{{Api_HostAddress}}/api/Shelves/3', h: 'Cookie,Content-Type', b: json },
      { m: 'GET', u: '{{Api_HostAddress}}/api/Books?ShelfId=3&Page={{Page}}&PerPage={{PerPage}}', h: 'Cookie' },
      { m: 'PUT', u: '{{Api_HostAddress}}/api/Books/UpdateBookDetails?Id=7', h: 'Cookie,Content-Type', b: json },
      { m: 'DELETE', u: '{{Api_HostAddress}}/api/Books/7', h: 'Cookie' },
    ],
  },
  'aspnet-webapi.http': {
    variables: ['Api_HostAddress', 'Login', 'Secret', 'AccessToken', 'RenewToken'],
    requests: [
      { m: 'POST', u: '{{Api_HostAddress}}/api/Accounts/register', h: 'Content-Type', b: json },
      { m: 'POST', u: '{{Api_HostAddress}}/api/Accounts/Renew', h: 'Authorization,Content-Type', b: json },
      { m: 'GET', u: '{{Api_HostAddress}}/api/Shelves', h: 'Authorization' },
      { m: 'POST', u: '{{Api_HostAddress}}/api/Shelves', h: 'Authorization,Content-Type', b: json },
      { m: 'POST', u: '{{Api_HostAddress}}/api/Books', h: 'Authorization,Content-Type', b: json },
      { m: 'DELETE', u: '{{Api_HostAddress}}/api/Shelves/3', h: 'Authorization' },
    ],
  },
  'aspnet-playground-items.http': {
    variables: ['BearerToken', 'shelfId', 'bookId', 'page', 'size'],
    requests: [
      {
        m: 'GET',
        u: 'https://localhost:5101/api/Books?ShelfId={{shelfId}}&Page={{page}}&Size={{size}}',
        h: 'Authorization',
      },
      { m: 'POST', u: 'https://localhost:5101/api/Books', h: 'Authorization,Content-Type', b: json },
      { m: 'PUT', u: 'https://localhost:5101/api/Books/{{bookId}}', h: 'Authorization,Content-Type', b: json },
      { m: 'DELETE', u: 'https://localhost:5101/api/Books/{{bookId}}', h: 'Authorization' },
    ],
  },
  'restclient-cloud-tokens.http': {
    variables: ['mgmt', 'directory', 'mgmt-eu', 'directory-eu', 'mgmt-gov'],
    requests: [
      { m: 'GET', u: '{{mgmt}}/tenants?api-version=2021-01-01', h: 'Authorization' },
      { m: 'GET', u: '{{mgmt}}/subscriptions?api-version=2021-01-01', h: 'Authorization' },
      { m: 'GET', u: '{{mgmt-eu}}/subscriptions?api-version=2021-01-01', h: 'Authorization' },
      { m: 'GET', u: '{{mgmt-gov}}/subscriptions?api-version=2021-01-01', h: 'Authorization' },
    ],
  },
  'restclient-query-method.http': {
    variables: ['apiKey'],
    requests: [
      { m: 'QUERY', u: 'https://search.example.org/books', h: 'Content-Type', b: json, n: 'QUERY with a JSON body' },
      {
        m: 'QUERY',
        u: 'https://search.example.org/books',
        h: 'Content-Type',
        b: 'xml: <?xml version="1.0" encoding="UTF-8"?> … </search>',
        n: 'QUERY with an XML body',
      },
      {
        m: 'QUERY',
        u: 'https://search.example.org/books',
        h: 'Content-Type',
        b: 'form: language=fr&genre=poetry',
        n: 'QUERY with a form body',
      },
      {
        m: 'QUERY',
        u: 'https://search.example.org/books',
        h: 'Content-Type,Authorization',
        b: json,
        n: 'QUERY with a token',
      },
      {
        m: 'POST',
        u: 'https://search.example.org/saved-searches',
        h: 'Content-Type',
        b: json,
        n: 'POST changes things',
      },
    ],
  },
  'httpyac-intellij-style.http': {
    variables: ['marker'],
    codes: [script, script],
    requests: [
      {
        m: 'POST',
        u: 'https://echo.example.test/forms',
        h: 'Content-Type,accept',
        b: 'form: user=ada@example.test&pin=1',
      },
      {
        m: 'POST',
        u: 'https://echo.example.test/forms',
        h: 'Content-Type,accept',
        b: 'form: user=ada@example.test&pin=1',
      },
      {
        m: 'POST',
        u: 'https://echo.example.test/forms?trace=yes',
        h: 'Content-Type,accept',
        b: 'form: user=ada@example.test&pin=1',
      },
      {
        m: 'POST',
        u: 'https://echo.example.test/forms',
        h: 'Content-Type,accept',
        b: 'form: user=ada@example.test&pin=2',
      },
      {
        m: 'POST',
        u: 'https://echo.example.test/forms',
        h: 'Content-Type,accept',
        b: 'form: user=ada@example.test&pin=3',
      },
      { m: 'POST', u: 'https://echo.example.test/forms', h: 'accept', b: 'json: < ../data/payload.json' },
    ],
  },
  'httpyac-graphql.http': {
    requests: [
      // httpYac appends the `fragment` block at the top of the file to the query.
      {
        m: 'POST',
        u: 'https://api.example.dev/graphql',
        h: 'Content-Type,Authorization',
        b: 'graphql: query repo($name: String!, $owner: String!) { … } + fragment RepoFields',
      },
      // `gql name < ./file.gql`: httpYac reads the query from the file; the JSON is its variables.
      {
        m: 'POST',
        u: 'https://api.example.dev/graphql',
        h: 'Content-Type,Authorization',
        b: 'graphql: gql repoQuery < ./repo.gql … }',
      },
    ],
  },
  'httpyac-request-and-response.http': {
    requests: [
      { m: 'GET', u: '/slides' },
      { m: 'GET', u: '/slides' },
    ],
  },
  'httpyac-script-assert.http': {
    codes: [script, script],
    requests: [
      { m: 'GET', u: '/status/200' },
      { m: 'GET', u: '/pets/1' },
    ],
  },
  'httpyac-http-methods.http': {
    requests: [
      { m: 'GET', u: '/items' },
      { m: 'POST', u: '/items', b: json },
      { m: 'PUT', u: '/items/1', b: json },
      { m: 'DELETE', u: '/items/1' },
      { m: 'PATCH', u: '/items/2', b: json },
      { m: 'HEAD', u: '/items' },
      { m: 'OPTIONS', u: '/items' },
      { m: 'TRACE', u: '/trace' },
      { m: 'PROPFIND', u: '/dav' },
      { m: 'MKCOL', u: '/dav/new' },
      { m: 'COPY', u: '/dav/a' },
      { m: 'MOVE', u: '/dav/b' },
      { m: 'LOCK', u: '/dav/c' },
      { m: 'UNLOCK', u: '/dav/c' },
      { m: 'CHECKOUT', u: '/dav/d' },
      { m: 'REPORT', u: '/dav/e' },
      { m: 'VERSION-CONTROL', u: '/dav/f' },
    ],
  },
  'httpyac-basic-auth.http': {
    variables: ['login', 'passphrase'],
    codes: [script, script],
    requests: [
      { m: 'GET', u: '/basic-auth/{{login}}/{{passphrase}}', h: 'Authorization' },
      { m: 'GET', u: '/basic-auth/{{login}}/{{passphrase}}', h: 'Authorization' },
    ],
  },
  'httpyac-two-requests.http': {
    variables: ['host'],
    requests: [
      { m: 'GET', u: 'https://api.example.space/v2/launches/next' },
      { m: 'GET', u: '/rockets' },
    ],
  },
  'httpyac-multipart.http': {
    variables: ['marker'],
    requests: [
      { m: 'POST', u: '/upload', h: 'Content-Type', b: 'multipart: ------FormBoundary7 … ------FormBoundary7--' },
      { m: 'POST', u: 'https://echo.example.test/forms', h: 'accept', b: 'json: <@ ../data/payload.json' },
    ],
  },
  'httpyac-system-variables.http': {
    requests: [
      { m: 'GET', u: '/echo?q={{$guid}}' },
      { m: 'GET', u: '/echo?q={{$randomInt 10 20}}' },
      { m: 'GET', u: '/echo?q={{$timestamp 1 h}}' },
      { m: 'GET', u: '/echo?q={{$datetime rfc1123}}' },
      { m: 'GET', u: '/echo?q={{$datetime iso8601 1 d}}' },
      { m: 'GET', u: '/echo?q={{$datetime "YYYY-MM-DD"}}' },
      { m: 'GET', u: "/echo?q={{$localDatetime 'DD.MM.YYYY HH:mm' 2 d}}" },
    ],
  },
  'httpyac-post-request-script.http': {
    codes: [script, script],
    requests: [
      { m: 'GET', u: '/slides' },
      { m: 'GET', u: '/slides' },
    ],
  },
  'go-outage-monitor.http': {
    variables: ['apiBase'],
    requests: [
      { m: 'GET', u: '{{apiBase}}/healthz/live', n: 'Liveness' },
      { m: 'GET', u: '{{apiBase}}/healthz/ready', n: 'Readiness' },
      { m: 'GET', u: '{{apiBase}}/api/v1/store/tag', n: 'Read the current tag' },
      {
        m: 'POST',
        u: '{{apiBase}}/api/v1/store/tag',
        h: 'Content-Type',
        b: 'json: {"tag": "rev-001"}',
        n: 'Store a tag (first time — changed: true)',
      },
      { m: 'POST', u: '{{apiBase}}/api/v1/store/diff', h: 'Content-Type', b: json, n: 'Diff: first submission' },
      { m: 'GET', u: '{{apiBase}}/api/v1/scrape/run', n: 'Run the scraper once' },
    ],
  },
  'flask-todo.http': {
    requests: [
      { m: 'GET', u: 'http://127.0.0.1:5050/api/tasks', n: 'Görevleri listele (GET)' },
      { m: 'POST', u: 'http://127.0.0.1:5050/api/tasks', h: 'Content-Type', b: json, n: 'Yeni görev ekle (POST)' },
    ],
  },
  'nestjs-notes.http': {
    requests: [
      { m: 'GET', u: '{{host}}:{{port}}/notes', h: 'Accept', n: 'List every note' },
      { m: 'POST', u: '{{host}}:{{port}}//notes', h: 'Content-type', b: json, n: 'Create a note' },
      { m: 'GET', u: '{{host}}:{{port}}//notes/417', h: 'Accept', n: 'Read one note' },
    ],
  },
  'micronaut-ledger.http': {
    requests: [
      { m: 'POST', u: 'http://localhost:8700/ledger/wallet', h: 'Content-Type', b: json },
      { m: 'POST', u: 'http://localhost:8700/ledger/move', h: 'Content-Type', b: json },
      { m: 'GET', u: 'http://localhost:8700/ledger/wallet/balance?owner=7' },
    ],
  },
  'axon-scooter-rental.http': {
    requests: [
      { m: 'POST', u: '{{fleet}}/?scooters=15&model=urban', h: 'Accept', n: 'Generate scooters' },
      { m: 'GET', u: '{{fleet}}/scooters', h: 'Accept', n: 'List free scooters' },
      {
        m: 'POST',
        u: '{{fleet}}/rent?rider=CityRider&scooterId=0b6f7c1e-5a2d-4c8e-9f10-2233445566aa',
        h: 'Accept',
        n: 'Rent a scooter',
      },
      {
        m: 'POST',
        u: '{{billing}}/settle?id=6d1e8f20-1111-4abc-8def-0123456789ab',
        h: 'Accept',
        n: 'Settle the invoice',
      },
      {
        m: 'POST',
        u: '{{fleet}}/return?dock=Main Station&scooterId=0b6f7c1e-5a2d-4c8e-9f10-2233445566aa',
        h: 'Accept',
        n: 'Hand the scooter back',
      },
    ],
  },
  'ktor-request-log.http': {
    requests: [
      { m: 'POST', u: 'http://localhost:9100/auth/code', h: 'Authorization' },
      { m: 'POST', u: 'http://localhost:9100/auth/signout', h: 'Content-Type,Authorization', b: json },
      { m: 'GET', u: 'http://localhost:9100/auth/me', h: 'Authorization' },
      { m: 'POST', u: 'http://localhost:9100/members/join', h: 'Content-Type', b: json },
    ],
  },
  'spring-oauth-shop.http': {
    codes: [script, script, script, script],
    requests: [
      {
        m: 'POST',
        u: '{{shop-service}}/oauth/token',
        h: 'Authorization,Content-Type',
        b: 'form: grant_type=password&scope=*&username=ada@example.test&password=654321',
      },
      { m: 'GET', u: '{{shop-service}}/actuator/health' },
      { m: 'POST', u: '{{shop-service}}/vendors', h: 'Content-Type,Authorization', b: json },
      { m: 'GET', u: '{{shop-service}}/vendors?page=0&size=10', h: 'Accept' },
      { m: 'POST', u: '{{shop-service}}/items', h: 'Content-Type,Authorization', b: json },
      { m: 'GET', u: '{{shop-service}}/vendors/98765', h: 'Accept,Accept-Language' },
      { m: 'POST', u: '{{shop-service}}/orders', h: 'Content-Type,Authorization', b: json },
      { m: 'GET', u: '{{shop-service}}/orders/{{orderId}}', h: 'Content-Type,Authorization' },
    ],
  },
  'dependency-scan-api.http': {
    codes: [script, script, script],
    requests: [
      {
        m: 'POST',
        u: '/api/v1/account/resetPassword',
        h: 'Host,Content-Type',
        b: 'form: username=admin&password=admin&newPassword={{ adminSecret }}&confirmPassword={{ adminSecret }}',
        n: 'Reset Admin Password',
      },
      {
        m: 'POST',
        u: '/api/v1/account/signin',
        h: 'Host,Content-Type',
        b: 'form: username=admin&password={{ adminSecret}}',
        n: 'Sign in as Admin',
      },
      { m: 'PUT', u: '/api/v1/group', h: 'Host,Content-Type,Authorization', b: json, n: 'Create Component Group' },
      {
        m: 'POST',
        u: '/api/v1/sbom',
        h: 'Host,Content-Type,Authorization',
        b: 'multipart: --part … --part--',
        n: 'Upload SBOM',
      },
      { m: 'GET', u: '/api/v1/sbom/status/{{ uploadToken }}', h: 'Host,Authorization', n: 'Poll the upload' },
    ],
  },
  'go-bank-api.http': {
    codes: [script, script, script],
    requests: [
      { m: 'POST', u: 'http://localhost:8090/wallets', h: 'Content-Type', b: json, n: 'Open an account' },
      { m: 'GET', u: 'http://localhost:8090/wallets/3', h: 'Content-Type', n: 'Read an account' },
      { m: 'POST', u: 'http://localhost:8090/moves', h: 'Content-Type', b: json, n: 'Move money' },
      { m: 'POST', u: 'http://localhost:8090/sessions', h: 'Content-Type', b: json, n: 'Sign in' },
    ],
  },
  'fastapi-albums.http': {
    requests: [
      { m: 'POST', u: 'http://localhost:8010/artists/', h: 'Content-Type', b: json },
      { m: 'GET', u: 'http://localhost:8010/artists/?style=ambient' },
      { m: 'GET', u: 'http://localhost:8010/artists' },
    ],
  },
  'go-films-greenlight.http': {
    requests: [
      { m: 'GET', u: 'localhost:4040/v1/films', n: 'GET request to the local server' },
      { m: 'POST', u: 'localhost:4040/v1/films', h: 'Content-Type', b: json, n: 'POST request with a json body' },
    ],
  },
  'go-shortener.http': {
    requests: [
      { m: 'POST', u: '127.0.0.1:1480/api/links', h: 'Content-Type', b: json, n: 'shorten' },
      { m: 'GET', u: '127.0.0.1:1480/api/{{shorten.response.body.$}}' },
    ],
  },
  'express-testcontainers.http': {
    variables: ['apiUrl', 'jsonType'],
    requests: [
      { m: 'GET', u: '{{apiUrl}}/health', n: 'Is the API up' },
      { m: 'GET', u: '{{apiUrl}}/notes', h: 'Accept', n: '1. List notes (empty at first)' },
      { m: 'POST', u: '{{apiUrl}}/notes', h: 'Content-Type', b: json, n: '2. Create a note' },
      { m: 'POST', u: '{{apiUrl}}/notes', h: 'Content-Type', b: json, n: '3. Create a note without a title (400)' },
      { m: 'POST', u: '{{apiUrl}}/notes', h: 'Content-Type', b: json, n: '4. Note with accents and emoji' },
      { m: 'PUT', u: '{{apiUrl}}/notes', n: '5. Method not allowed' },
      {
        m: 'POST',
        u: '{{apiUrl}}/notes',
        h: 'Content-Type',
        b: 'json: { … "title": "unfinished note"',
        n: '6. Malformed JSON (400)',
      },
      { m: 'GET', u: '{{apiUrl}}/notes', h: 'Accept', n: '7. List notes again' },
    ],
  },
  'dotnet-mq-samples.http': {
    requests: [
      { m: 'GET', u: 'http://localhost:5005/api/direct/send/hello-direct' },
      { m: 'GET', u: 'http://localhost:5005/api/queue/send/hello-queue' },
    ],
  },
  'gin-tiny.http': {
    requests: [
      { m: 'POST', u: 'http://localhost:8081/echo', h: 'Content-Type', b: json },
      { m: 'GET', u: 'http://localhost:8081/echo' },
    ],
  },
  'recipes-monorepo.http': {
    requests: [
      { m: 'GET', u: 'https://local.dishes.test/api/dishes/Q7xLm2PaTr', h: 'content-type', n: 'Get Dish' },
      {
        m: 'GET',
        u: 'https://local.dishes.test/api/dishes/versions/Zk81pQ',
        h: 'Content-Type',
        n: 'Get Dish Versions By Id',
      },
      { m: 'POST', u: 'https://local.dishes.test/api/dishes', h: 'content-type', b: json, n: 'Create Dish' },
      {
        m: 'POST',
        u: 'https://local.dishes.test/api/dishes/Q7xLm2PaTr/like',
        h: 'Content-Type',
        b: json,
        n: 'Like Dish',
      },
    ],
  },
  'spring-tasks.http': {
    requests: [
      { m: 'GET', u: 'http://localhost:8082/chores' },
      { m: 'GET', u: 'http://localhost:8082/chores/4f2a0c3e-7b1d-4e55-9a00-c0ffee123456' },
      { m: 'POST', u: 'http://localhost:8082/chores', h: 'Content-Type', b: json },
      { m: 'DELETE', u: 'http://localhost:8082/chores/4f2a0c3e-7b1d-4e55-9a00-c0ffee123456' },
    ],
  },
  'gin-records-minimal.http': {
    requests: [
      {
        m: 'POST',
        u: 'http://localhost:8080/records',
        h: 'Content-Type',
        b: json,
        n: 'POST Request (add a new record)',
      },
      { m: 'GET', u: 'http://localhost:8080/records', n: 'GET Request (list all records)' },
      { m: 'GET', u: 'http://localhost:8080/records/3', n: 'GET Request (record by id)' },
    ],
  },
  'spring-films-rental.http': {
    requests: [
      { m: 'GET', u: 'http://localhost:8082/status' },
      { m: 'GET', u: 'http://localhost:8082/films' },
      { m: 'GET', u: 'http://localhost:8082/films/17' },
      { m: 'POST', u: 'http://localhost:8082/films', h: 'Content-Type', b: json },
    ],
  },
  'django-weather-stations.http': {
    variables: ['baseUrl'],
    requests: [
      { m: 'GET', u: '{{baseUrl}}/station/', h: 'Content-Type' },
      { m: 'POST', u: '{{baseUrl}}/station/', h: 'Content-Type', b: json },
      { m: 'PATCH', u: '{{baseUrl}}/stations/2/', h: 'Content-Type', b: json },
      { m: 'POST', u: '{{baseUrl}}/reading/', h: 'Content-Type', b: json },
      { m: 'GET', u: '{{baseUrl}}/stations/2/', h: 'Content-Type' },
    ],
  },
  'kotlin-notes-titles.http': {
    requests: [
      { m: 'POST', u: 'http://localhost:8080/', h: 'Content-Type', b: json, n: 'Post "Hi!"' },
      { m: 'POST', u: 'http://localhost:8080/', h: 'Content-Type', b: json, n: 'Post "Hola!"' },
      { m: 'POST', u: 'http://localhost:8080/', h: 'Content-Type', b: json, n: 'Post "Ciao!"' },
      { m: 'GET', u: 'http://localhost:8080/notes', n: 'Get every note' },
    ],
  },
  'go-fx-orders.http': {
    requests: [
      { m: 'GET', u: '{{baseUrl}}/ping', n: 'Ping.' },
      { m: 'POST', u: '{{baseUrl}}/order', h: 'Content-Type', b: json, n: 'Create New Order.' },
      { m: 'GET', u: '{{baseUrl}}/order', n: 'Get All Orders.' },
      { m: 'GET', u: '{{baseUrl}}/order/2', n: 'Get Single Order.' },
    ],
  },
  'python-one-request.http': {
    requests: [{ m: 'GET', u: 'https://api.github.com/users/octocat' }],
  },
  'go-music-store.http': {
    variables: ['baseUrl'],
    requests: [
      { m: 'POST', u: '{{baseUrl}}/register', h: 'Content-Type', b: json, n: 'register' },
      { m: 'POST', u: '{{baseUrl}}/register', h: 'Content-Type', b: json, n: 'Register with referrer' },
      { m: 'POST', u: '{{baseUrl}}/signin', h: 'Content-Type', b: json, n: 'signin' },
      { m: 'GET', u: '{{baseUrl}}/genre/jazz', n: 'Open a genre' },
      { m: 'POST', u: '{{baseUrl}}/favourite', h: 'Content-Type', b: json, n: 'Favourite a track' },
    ],
  },
  'nest-members-validation.http': {
    requests: [
      { m: 'POST', u: 'http://localhost:3000/members', h: 'content-type', b: json },
      { m: 'POST', u: 'http://localhost:3000/members', h: 'content-type', b: json },
      { m: 'GET', u: 'http://localhost:3000/members/4', h: 'content-type' },
      { m: 'GET', u: 'http://localhost:3000/members', h: 'content-type' },
      { m: 'POST', u: 'http://localhost:3000/members', h: 'content-type', b: json },
      { m: 'DELETE', u: 'http://localhost:3000/members/2', h: 'content-type' },
      { m: 'PATCH', u: 'http://localhost:3000/members/1', h: 'content-type', b: json },
      { m: 'PATCH', u: 'http://localhost:3000/members/6', h: 'content-type', b: json },
    ],
  },
  'httpyac-ref-series.http': {
    requests: [
      { m: 'POST', u: 'http://localhost:3000/api/v1/auth/login', h: 'Content-Type', b: json, n: 'm201' },
      {
        m: 'POST',
        u: 'http://localhost:3000/api/v1/series',
        h: 'Authorization,Content-Type',
        b: json,
        n: 'create success',
      },
    ],
  },
  'nest-signin-cases.http': {
    requests: [
      {
        m: 'POST',
        u: 'http://localhost:3000/api/v1/auth/signin',
        h: 'Content-Type',
        b: json,
        n: 'case: sign in success',
      },
      {
        m: 'POST',
        u: 'http://localhost:3000/api/v1/auth/signin',
        h: 'Content-Type',
        b: json,
        n: 'case: unknown username',
      },
    ],
  },
  'nest-bookmarks-no-first-separator.http': {
    requests: [
      { m: 'POST', u: '{{apiBase}}auth/login', h: 'Content-Type', b: json },
      { m: 'POST', u: '{{apiBase}}auth/register', h: 'Content-Type', b: json },
    ],
  },
  'spring-chores-accept.http': {
    requests: [
      { m: 'GET', u: 'http://localhost:8080/api/chores', h: 'Accept', n: 'List all chores' },
      { m: 'GET', u: 'http://localhost:8080/api/chore/4', h: 'Accept', n: 'Get one chore' },
      { m: 'PUT', u: 'http://localhost:8080/api/chores', h: 'Accept', n: 'Update a chore' },
      { m: 'POST', u: 'http://localhost:8080/api/chores', h: 'Accept', n: 'Create a chore' },
      { m: 'DELETE', u: 'http://localhost:8080/api/chore/4', h: 'Accept', n: 'Delete one chore' },
    ],
  },
  // `### @name x` is a separator with a title in all three tools (not `# @name`): the label
  // shown, and the name the author sees, is the whole title.
  'jetbrains-login-handlers.http': {
    codes: [script, script, script, script],
    requests: [
      { m: 'POST', u: '{{host}}/account/signup', h: 'Content-Type,Accept', b: json, n: '@name signup' },
      {
        m: 'POST',
        u: '{{host}}/account/signin/start',
        h: 'Content-Type,Accept',
        b: json,
        n: '@name signin_start  (two steps: first)',
      },
      {
        m: 'POST',
        u: '{{host}}/account/signin/finish',
        h: 'Content-Type,Accept',
        b: json,
        n: '@name signin_finish  (two steps: second)',
      },
      { m: 'POST', u: '{{host}}/account/signout', h: 'Content-Type,Accept', b: json, n: '@name signout' },
      { m: 'GET', u: '{{host}}/profile', h: 'Authorization,Accept', n: '@name profile  (protected call)' },
    ],
  },
  'aspnet-identity-oidc.http': {
    variables: ['client_id', 'username', 'password'],
    requests: [
      {
        m: 'GET',
        u: '{{baseUrl}}/api/identity/connect/.well-known/openid-configuration',
        h: 'Content-Type',
        n: '1. Discovery document',
      },
      {
        m: 'POST',
        u: '{{baseUrl}}/api/identity/connect/token',
        h: 'Content-Type',
        b: 'form: grant_type=password … &scope=openid profile email',
        n: 'signin',
      },
      {
        m: 'GET',
        u: '{{baseUrl}}/api/identity/connect/userinfo',
        h: 'Authorization,Content-Type',
        n: '3. User info with the access token',
      },
      {
        m: 'POST',
        u: '{{baseUrl}}/api/identity/connect/token',
        h: 'Content-Type',
        b: 'form: grant_type=refresh_token … &refresh_token={{signin.response.body.$.refresh_token}}',
        n: 'renew',
      },
      // Indented `?`/`&` continuation lines (JetBrains and Visual Studio) joined into one URL;
      // the last `###` title before the request line names it in every tool.
      {
        m: 'GET',
        u: '{{baseUrl}}/api/identity/connect/authorize?response_type=code&client_id={{client_id}}&scope=openid profile email&redirect_uri={{baseUrl}}/signin-callback&state=abc',
        n: 'https://localhost:5001/api/identity/connect/authorize?response_type=code&client_id=spa&state=abc',
      },
      {
        m: 'POST',
        u: '{{baseUrl}}/api/identity/connect/token',
        h: 'Content-Type',
        b: 'form: grant_type=authorization_code … &redirect_uri={{baseUrl}}',
        n: '5.2 Trade the code for a token',
      },
    ],
  },
  // `??` assertion lines after the body are not body text.
  'httpyac-assert-auth.http': {
    requests: [
      { m: 'POST', u: '{{api_url}}/session', h: 'Content-Type', b: json },
      { m: 'POST', u: '{{api_url}}/session', h: 'Content-Type', b: json },
      { m: 'POST', u: '{{api_url}}/session', h: 'Content-Type', b: json },
    ],
  },
  'httpyac-assert-export.http': {
    codes: [script],
    requests: [
      { m: 'POST', u: '{{api_url}}/session', h: 'Content-Type', b: json },
      { m: 'POST', u: '{{api_url}}/items', h: 'Authorization,Content-Type', b: json },
    ],
  },
  // A bare `/path` line is a GET against `@host` (httpYac); `# @loop` and `# @sleep` are metadata.
  'httpyac-loop-origin.http': {
    variables: ['host'],
    requests: [
      { m: 'GET', u: '/flights' },
      { m: 'POST', u: '/flights/query', b: json, n: 'landed' },
      { m: 'GET', u: '/boosters/{{ doc.boosters[0].id }}' },
    ],
  },
  'aspnet-seed-admin.http': {
    requests: [
      { m: 'GET', u: '{{base_url}}/api/db/migrate', n: 'Migrate the database' },
      { m: 'GET', u: '{{base_url}}/api/db/seed-all', n: 'Seed everything from CSV' },
      { m: 'GET', u: '{{base_url}}/api/import', n: 'Import the old events' },
      { m: 'POST', u: '{{base_url}}/api/picture/load-all', n: 'Load all pictures' },
      { m: 'POST', u: '{{base_url}}/api/db/seed-player', h: 'Content-Type', b: json, n: 'Seed a player' },
      { m: 'POST', u: '{{base_url}}/api/db/seed-player', h: 'Content-Type', b: json, n: 'Seed a player' },
      { m: 'POST', u: '{{base_url}}/api/points', h: 'Content-Type', b: json, n: 'Seed points' },
    ],
  },
  'nest-labels-tabs.http': {
    requests: [
      { m: 'GET', u: 'http://localhost:3000/labels' },
      { m: 'POST', u: 'http://localhost:3000/labels', h: 'Content-Type', b: json, n: 'Create a new label' },
      { m: 'PATCH', u: 'http://localhost:3000/labels/1', h: 'Content-Type', b: json, n: 'Create a new label' },
    ],
  },
  // GraphQL queries inside a JSON body ({"query": "…"}) stay JSON; `Basic user:pass` is REST
  // Client's shorthand (encoded when sent).
  'cap-graphql-basic-auth.http': {
    requests: [
      {
        m: 'POST',
        u: 'http://localhost:8080/graphql',
        h: 'Authorization,Content-Type',
        b: json,
        n: 'Read one book with GraphQL',
      },
      {
        m: 'POST',
        u: 'http://localhost:8080/graphql',
        h: 'Authorization,Content-Type,Accept-Language',
        b: json,
        n: 'Localised answers',
      },
      { m: 'POST', u: 'http://localhost:8080/graphql', h: 'Authorization,Content-Type', b: json, n: 'All books' },
      {
        m: 'POST',
        u: 'http://localhost:8080/graphql',
        h: 'Authorization,Content-Type',
        b: json,
        n: 'One order as an administrator',
      },
    ],
  },
  // JetBrains' GRAPHQL method: a query, then a blank line and its variables as JSON.
  'jetbrains-graphql-method.http': {
    requests: [
      { m: 'GRAPHQL', u: 'http://localhost:8080/graphql', b: 'graphql: query { … }' },
      { m: 'GRAPHQL', u: 'http://localhost:8080/graphql', b: 'graphql: query { … }', n: 'query with a constant' },
      {
        m: 'GRAPHQL',
        u: 'http://localhost:8080/graphql',
        b: 'graphql: query byTeam($teamName: String){ … }',
        n: 'the same query with a variable',
      },
      {
        m: 'GRAPHQL',
        u: 'http://localhost:8080/graphql',
        b: 'graphql: mutation addPlayer($nick: String, $team: String){ … }',
        n: 'mutation',
      },
    ],
  },
  'keycloak-password-grant.http': {
    requests: [
      {
        m: 'POST',
        u: 'http://localhost:8080/auth/realms/Demo/protocol/openid-connect/token',
        h: 'Content-Type',
        b: 'form: client_id=nest-api … &password=example-password',
      },
      { m: 'GET', u: 'http://localhost:8080/auth/realms/Demo/protocol/openid-connect/userinfo', h: 'Authorization' },
      { m: 'GET', u: 'http://localhost:3000/auth/profile', h: 'Authorization' },
    ],
  },
  'keycloak-realm-admin.http': {
    requests: [
      { m: 'GET', u: 'http://localhost:8080/realms/staff/.well-known/openid-configuration', n: 'Általános adatok' },
      { m: 'GET', u: 'http://localhost:8080/realms/staff/protocol/openid-connect/certs', n: 'Kulcsok lekérése' },
      {
        m: 'POST',
        u: 'http://localhost:8080/realms/master/protocol/openid-connect/token',
        h: 'Content-Type',
        b: 'form: grant_type=password&client_id=admin-cli&username=admin&password=example',
        n: 'Token kérése (jelszóval)',
      },
      { m: 'GET', u: 'http://localhost:8080/admin/realms/staff/users', h: 'Authorization', n: 'API hívás tokennel' },
    ],
  },
  // JSON bodies with no Content-Type header (sent as the text they are; REST Client adds none).
  'spring-jwt-demo.rest': {
    requests: [
      { m: 'POST', u: 'http://127.0.0.1:8080/signin', b: json },
      { m: 'POST', u: 'http://127.0.0.1:8080/signin', b: json },
      { m: 'GET', u: 'http://127.0.0.1:8080/withToken' },
      { m: 'GET', u: 'http://127.0.0.1:8080/withToken', h: 'Authorization' },
      { m: 'GET', u: 'http://127.0.0.1:8080/withoutToken' },
      { m: 'GET', u: 'http://127.0.0.1:8080/admin', h: 'Authorization' },
    ],
  },
  'aspnet-vs-template.http': {
    variables: ['ShopApi_HostAddress'],
    requests: [{ m: 'GET', u: '{{ShopApi_HostAddress}}/weatherforecast/', h: 'Accept' }],
  },
  // A variable made of variables (`@host = {{hostname}}:{{port}}`) and a header value that
  // starts with `@` (sent as written).
  'restclient-nested-variables.http': {
    variables: ['hostname', 'port', 'host', 'contentType'],
    requests: [
      { m: 'GET', u: 'http://{{host}}/api/funds', h: 'content-type', n: 'listFunds' },
      { m: 'GET', u: 'http://{{host}}/api/funds/1', h: 'content-type', n: 'oneFund' },
      { m: 'GET', u: 'http://{{host}}/admin', n: 'admin' },
    ],
  },
  'express-bodies-no-content-type.http': {
    requests: [
      { m: 'POST', u: 'http://localhost:3000/signup/', b: json },
      { m: 'POST', u: 'http://localhost:3000/signin/', b: json },
      { m: 'GET', u: 'http://localhost:3000/me/posts/feed/' },
      { m: 'GET', u: 'http://localhost:3000/me/follows/' },
    ],
  },
  // KNOWN DISAGREEMENT. The author wrote an HTML comment (`<!-- … -->`, its lines `<Method> <Url>`
  // and so on) before the first `###` and meant no request there. No tool has HTML comments:
  // httpYac reads `<!-- …` as a GET request line, REST Client offers "Send Request" on it, and
  // we read the `<…>` lines as JetBrains `< file` pre-request scripts (four unsupported-script
  // warnings) and `-->` as a GET request line. The first entry stands for that request the
  // author never meant; every request the author did mean is read as meant.
  'express-auth-html-comment.http': {
    codes: [script, script, script, script],
    requests: [
      { m: 'GET', u: '-->', gap: script },
      {
        m: 'POST',
        u: 'http://localhost:4000/api/account/signup',
        h: 'content-type',
        b: json,
        n: '[POST] Sign up',
      },
      {
        m: 'POST',
        u: 'http://localhost:4000/api/account/refresh',
        h: 'content-type',
        b: json,
        n: '[POST] Refresh the access token',
      },
      {
        m: 'POST',
        u: 'http://localhost:4001/api/account/checkAccessToken',
        h: 'content-type,Authorization',
        n: '[GET] Check the access token',
      },
      {
        m: 'POST',
        u: 'http://localhost:4001/api/account/changeEmail',
        h: 'content-type,Authorization',
        b: json,
        n: '[POST] Change e-mail',
      },
      { m: 'POST', u: 'http://localhost:4001/api/test/token', n: 'Test token routes' },
      { m: 'GET', u: 'http://localhost:4001/api/test/check', n: '[GET] Check the test token (without one)' },
    ],
  },
  // Empty blocks between `###` lines, a body that starts on the `{` line and ends right above `###`.
  'fastapi-empty-separators.http': {
    requests: [
      { m: 'GET', u: 'http://localhost:8000/accounts/', h: 'Accept' },
      {
        m: 'POST',
        u: 'http://localhost:8000/accounts/',
        h: 'Content-Type',
        b: 'json: {"email": "someone@example.org", … }',
      },
      { m: 'GET', u: 'http://localhost:8000/accounts/7/' },
      { m: 'DELETE', u: 'http://localhost:8000/accounts/5/' },
    ],
  },
  // `# @prompt` / `# @secret` metadata, a commented-out `# > {% … %}` handler (comment lines, not a
  // script), two Cookie headers, `### title` used as the name by `{{signin.response.cookies…}}`,
  // an empty `### health` block and a `### ` title with only a space.
  'go-auth-prompt-cookies.http': {
    requests: [
      { m: 'POST', u: '{{API_URL}}/signup', h: 'Accept,Content-Type', b: json, n: 'signup' },
      { m: 'POST', u: '{{API_URL}}/signin', h: 'Accept,Content-Type', b: json, n: 'signin' },
      { m: 'POST', u: '{{API_URL}}/renew', h: 'Cookie,Accept,Content-Type', n: 'renew' },
      { m: 'GET', u: '{{API_URL}}/api/probe', h: 'Cookie,Cookie,Accept', n: 'probe' },
      { m: 'GET', u: '{{API_URL}}/health', h: 'Accept' },
    ],
  },
};
