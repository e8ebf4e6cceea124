"""What the API and the web pages share over HTTP: access policies and the app's state.

Sits below both faces (they never import each other) and above the engines and the store.
"""
