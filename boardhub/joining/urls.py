app_name = "joining"

urlpatterns: list = []
