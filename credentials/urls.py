app_name = "credentials"
urlpatterns: list = []
