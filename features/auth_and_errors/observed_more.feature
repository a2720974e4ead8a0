@errors @observed
Feature: Tokens as the real service reads them, round three
  The service's own PHP server SDK posts its token request's JSON without saying it is JSON;
  the service reads the body as JSON whatever the Content-Type (catalogue part O continued,
  behaviours-observed-more.md, O-17).

  @O-17 @C-01
  Scenario: A token request with a JSON body and no Content-Type gets a token
    Given the app has users "alice"
    When I ask for an app token with the app's client credentials as JSON sent with no Content-Type header
    Then the response status is 200
    And the answer is an app token
    When I use the new token from now on
    Then the user alice exists

  @O-17 @C-01
  Scenario: A token request with a JSON body sent as a form gets a token
    curl and PHP's curl set application/x-www-form-urlencoded on a posted string.

    When I ask for an app token with the app's client credentials as JSON sent with the Content-Type "application/x-www-form-urlencoded"
    Then the response status is 200
    And the answer is an app token

  @O-17 @C-06
  Scenario: A token request whose body is not JSON is still refused
    When I ask for an app token with a body that is not JSON and no Content-Type header
    Then the response status is 400
    And the response error is "illegal_argument"
    And the response has the service's error shape
