app_name = "stipends"
urlpatterns: list = []
